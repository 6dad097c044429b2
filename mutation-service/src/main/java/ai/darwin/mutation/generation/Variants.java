package ai.darwin.mutation.generation;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.RuntimeRepair;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.program.UnifiedDiff;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.proposal.UpgradeRequest;
import java.util.List;

/**
 * The events mutation-service publishes, with ids derived from the assignment: a redelivered generation gives the
 * same variant ids, event ids and request ids, so that every consumer deduplicates them.
 */
public final class Variants {

    private Variants() {
    }

    /** The id of the variant proposed for a MUTATE assignment. */
    public static String variantIdOf(Assignment assignment) {
        return assignment.assignmentId() + "-v";
    }

    /**
     * @param preset         the run's preset, which the worker hands the harness; null when this service does not know it
     * @param grantedImports the import catalogue entries granted to the run (grants are never withdrawn, so those at
     *                       publishing hold every grant the proposal was validated with)
     */
    public static VariantProposed proposed(GenerationOpened generation, Assignment assignment, Program parent,
                                           Proposal proposal, String preset, List<String> grantedImports) {
        return attempt(generation, assignment, variantIdOf(assignment), parent, proposal, preset, null, null,
                grantedImports);
    }

    /**
     * The runtime repair of {@code failed}, attempt n + 1 at its assignment, with its id derived from the failed
     * variant's (so a redelivered failure gives the same repair) and its diff against the assignment's parent.
     */
    public static VariantProposed repair(GenerationOpened generation, Assignment assignment, Program parent,
                                         Proposal proposal, String preset, VariantProposed failed,
                                         List<String> grantedImports) {
        return attempt(generation, assignment, RuntimeRepair.repairVariantId(failed), parent, proposal, preset,
                failed.attemptNumber() + 1, failed.variantId(), grantedImports);
    }

    private static VariantProposed attempt(GenerationOpened generation, Assignment assignment, String variantId,
                                           Program parent, Proposal proposal, String preset, Integer attempt,
                                           String repairOf, List<String> grantedImports) {
        Program program = proposal.program();
        String diff = UnifiedDiff.of(parent, program);
        return new VariantProposed(Envelope.derived(generation.runId(), "VariantProposed:" + variantId),
                generation.generation(), variantId, assignment.assignmentId(), assignment.kind(),
                assignment.mutatorAgentId(), assignment.targetAgentId(), List.of(assignment.parentVariantId()),
                program.entry(), ProgramFiles.sha256(program.entry(), program.files()), diff, proposal.reasoning(),
                proposal.mutator(), proposal.usage(), proposal.status(), proposal.validationErrors(), generation.dataset(),
                generation.budget(), assignment.trainingSeed(), preset, attempt, repairOf,
                grantedImports.isEmpty() ? null : grantedImports, program.files().isEmpty() ? null : program.files(),
                proposal.lessons().isEmpty() ? null : proposal.lessons());
    }

    /** The approval request for the {@code index}-th (from 0) upgrade a proposal asked for. */
    public static ApprovalRequested upgradeRequested(GenerationOpened generation, Assignment assignment, int index,
                                                     UpgradeRequest upgrade) {
        String variantId = variantIdOf(assignment);
        String requestId = variantId + "-upgrade-" + (index + 1);
        return new ApprovalRequested(Envelope.derived(generation.runId(), "ApprovalRequested:" + requestId),
                requestId, upgrade.kind(), assignment.mutatorAgentId(), variantId, upgrade.detail(),
                upgrade.justification());
    }
}
