package ai.darwin.events.training;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * A variant's training failed; the failure is classified.
 *
 * @param failureClass why
 * @param message      one-line explanation (javac diagnostics for compile errors)
 * @param logTail      the last lines of the program's output and stack trace
 * @param wallSeconds  time spent before the failure
 */
public record TrainingFailed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                             String variantId, String workerId, FailureClass failureClass, String message,
                             String logTail, double wallSeconds) implements TrainingResult {

    public TrainingFailed {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(variantId, "variantId");
        Require.text(workerId, "workerId");
        Require.present(failureClass, "failureClass");
        Require.present(message, "message");
        Require.present(logTail, "logTail");
    }

    /** The event in its {@link Envelope}. */
    public TrainingFailed(Envelope envelope, int generation, String variantId, String workerId,
                          FailureClass failureClass, String message, String logTail, double wallSeconds) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation,
                variantId, workerId, failureClass, message, logTail, wallSeconds);
    }
}
