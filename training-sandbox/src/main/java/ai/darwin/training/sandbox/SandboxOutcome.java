package ai.darwin.training.sandbox;

import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.TrainingMetrics;
import java.util.List;

/** How a run in the sandbox ended. */
public sealed interface SandboxOutcome {

    /**
     * The program trained and the harness scored it.
     *
     * @param metrics      the harness's metrics; totalSeconds is the child's whole wall time
     * @param architecture the model's shape and vocabulary
     * @param overhead     the sandbox's own cost
     * @param integrityFlags the sanity gates it tripped: such a result is reported, never crowned
     */
    record Completed(TrainingMetrics metrics, ArchitectureCard architecture, Overhead overhead,
                     List<IntegrityFlag> integrityFlags) implements SandboxOutcome {

        public Completed {
            integrityFlags = List.copyOf(integrityFlags);
        }
    }

    /**
     * It failed, classified.
     *
     * @param failureClass why
     * @param message      what went wrong, precise enough to fix the program
     * @param logTail      the end of the child's output, then the stack trace or compiler output
     * @param wallSeconds  the child's wall time
     */
    record Failed(FailureClass failureClass, String message, String logTail, double wallSeconds)
            implements SandboxOutcome {
    }

    /** It was stopped on request before it ended; nothing about the program is known. */
    record Cancelled(String reason) implements SandboxOutcome {
    }
}
