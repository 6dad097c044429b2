package ai.darwin.events.variant;

import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingFailed;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a variant that failed in training goes back to its mutating agent for a fix within its generation: the one
 * rule mutation-service (which proposes the repair) and selection-service (which waits for it before closing the
 * generation) both apply, so that they agree on whether a repair is coming.
 *
 * <p>A repair is due for a MUTATE variant proposed by an LLM mutator ({@code llm}, {@code llm-chunk}) whose failure
 * a change of the program can fix, while its attempt number is at most the run's runtime repairs. The offline
 * mutator does not repair: it has no way to read an error, and its next random change is no fix. Never repaired:
 * INFRASTRUCTURE (not the program's fault), FORBIDDEN_API (the sandbox refused the program: a refusal is not
 * negotiated with the program's author within the generation), and COMPILE_ERROR (mutation-service compiles every
 * proposal and repairs what javac rejects before it publishes; a worker's javac that disagrees is an environment
 * fault).
 */
public final class RuntimeRepair {

    /** Runtime repairs per assignment when a run names none. */
    public static final int DEFAULT_REPAIRS = 1;

    /** Failures of the program's own making that a program change can fix. */
    public static final Set<FailureClass> REPAIRABLE = EnumSet.of(FailureClass.RUNTIME_EXCEPTION,
            FailureClass.TIMEOUT, FailureClass.OUT_OF_MEMORY, FailureClass.NAN_LOSS, FailureClass.DIVERGED,
            FailureClass.CONTRACT_VIOLATION);

    /** The mutators that read a failure and propose a fix. */
    public static final Set<String> REPAIRING_MUTATORS = Set.of("llm", "llm-chunk");

    private RuntimeRepair() {
    }

    /** How many runtime repairs each assignment of the run gets. */
    public static int allowed(RunConfig config) {
        return config == null || config.runtimeRepairs() == null ? DEFAULT_REPAIRS : config.runtimeRepairs();
    }

    /**
     * @param proposal       the variant that failed
     * @param failure        its training failure
     * @param repairsAllowed the run's runtime repairs per assignment ({@link #allowed})
     * @return whether the variant's agent gets to propose a repair, attempt {@code proposal.attemptNumber() + 1}
     */
    public static boolean due(VariantProposed proposal, TrainingFailed failure, int repairsAllowed) {
        return proposal.variantId().equals(failure.variantId())
                && REPAIRABLE.contains(failure.failureClass())
                && possible(proposal, repairsAllowed);
    }

    /**
     * What {@link #due} asks of the proposal alone: whether a failure of it could be repaired (for a repair that
     * arrives before its failure was read).
     */
    public static boolean possible(VariantProposed proposal, int repairsAllowed) {
        return proposal.kind() == AssignmentKind.MUTATE
                && REPAIRING_MUTATORS.contains(proposal.mutator().kind())
                && proposal.attemptNumber() <= repairsAllowed;
    }

    /** The id of the variant that repairs {@code failed}: derived, so a redelivered failure gives the same one. */
    public static String repairVariantId(VariantProposed failed) {
        return failed.assignmentId() + "-v" + (failed.attemptNumber() + 1);
    }
}
