package ai.darwin.events.training;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * A worker took a variant. A variant may start more than once (a worker died); its result is published once.
 *
 * @param attempt 1 for the first worker that took it, higher after a redelivery
 */
public record TrainingStarted(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                              String variantId, String workerId, int attempt) implements TrainingProgressEvent {

    public TrainingStarted {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(variantId, "variantId");
        Require.text(workerId, "workerId");
        Require.atLeast(attempt, 1, "attempt");
    }

    /** The event in its {@link Envelope}. */
    public TrainingStarted(Envelope envelope, int generation, String variantId, String workerId, int attempt) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation,
                variantId, workerId, attempt);
    }
}
