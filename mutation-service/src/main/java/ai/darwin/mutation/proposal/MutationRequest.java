package ai.darwin.mutation.proposal;

import ai.darwin.events.Nullable;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.RunSettings;
import java.util.List;
import java.util.Set;

/**
 * Everything a mutator gets for one assignment.
 *
 * @param generation      the generation (budget, dataset, guidance)
 * @param assignment      who rewrites whose program
 * @param variantId       the id the proposal will carry
 * @param parentSource    the program to rewrite
 * @param mutatorSource   the rewriting agent's own program
 * @param settings        the run's configuration, when this service has seen it
 * @param approvedImports imports a human approved for the run, or for the lineage the parent belongs to
 * @param upgrades        the run's upgrade requests and their decisions
 */
public record MutationRequest(GenerationOpened generation, Assignment assignment, String variantId,
                              String parentSource, String mutatorSource, @Nullable RunSettings settings,
                              Set<String> approvedImports, List<Approvals.Entry> upgrades) {

    public MutationRequest {
        approvedImports = Set.copyOf(approvedImports);
        upgrades = List.copyOf(upgrades);
    }

    public String runId() {
        return generation.runId();
    }

    /** The run's preset, or null when unknown. */
    public String preset() {
        return settings == null ? null : settings.preset();
    }

    /** What the run optimises; the default while this service has not seen the run's configuration. */
    public FitnessSpec fitness() {
        return settings == null || settings.fitness() == null ? FitnessSpec.DEFAULT : settings.fitness();
    }
}
