package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/** selection-service accepted the run and is about to open generation 0. */
public record RunStarted(String eventId, int schemaVersion, String runId, Instant timestamp) implements RunEvent {

    public RunStarted {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
    }

    /** The event in its {@link Envelope}. */
    public RunStarted(Envelope envelope) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp());
    }
}
