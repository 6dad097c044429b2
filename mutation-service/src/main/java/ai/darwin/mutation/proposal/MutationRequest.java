package ai.darwin.mutation.proposal;

import ai.darwin.events.Nullable;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.mutation.program.Layout;
import ai.darwin.mutation.program.Program;
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
 * @param parentFiles     the parent's files besides its entry file ({@code parentSource}); empty for one file
 * @param mutatorFiles    the rewriting agent's own program's other files
 * @param layout          the files the proposal may have: the parent's, and what a human approved for the target
 */
public record MutationRequest(GenerationOpened generation, Assignment assignment, String variantId,
                              String parentSource, String mutatorSource, @Nullable RunSettings settings,
                              Set<String> approvedImports, List<Approvals.Entry> upgrades,
                              List<ProgramFile> parentFiles, List<ProgramFile> mutatorFiles, Layout layout) {

    public MutationRequest {
        approvedImports = Set.copyOf(approvedImports);
        upgrades = List.copyOf(upgrades);
        parentFiles = List.copyOf(parentFiles);
        mutatorFiles = List.copyOf(mutatorFiles);
    }

    /** A request about single-file programs, whose layout stays as it is. */
    public MutationRequest(GenerationOpened generation, Assignment assignment, String variantId, String parentSource,
                           String mutatorSource, @Nullable RunSettings settings, Set<String> approvedImports,
                           List<Approvals.Entry> upgrades) {
        this(generation, assignment, variantId, parentSource, mutatorSource, settings, approvedImports, upgrades,
                List.of(), List.of(), Layout.INHERITED);
    }

    /** The parent program, its entry file and its other files. */
    public Program parent() {
        return new Program(parentSource, parentFiles);
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
