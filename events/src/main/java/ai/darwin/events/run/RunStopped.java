package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/** A stop was requested: the run closes its current generation and completes. */
public record RunStopped(String eventId, int schemaVersion, String runId, Instant timestamp,
                         String reason, String by) implements RunEvent {

    public RunStopped {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(reason, "reason");
        Require.text(by, "by");
    }

    /** The event in its {@link Envelope}. */
    public RunStopped(Envelope envelope, String reason, String by) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), reason, by);
    }
}
