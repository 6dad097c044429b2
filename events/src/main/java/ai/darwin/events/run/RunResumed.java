package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/** A paused run goes on with its next generation. */
public record RunResumed(String eventId, int schemaVersion, String runId, Instant timestamp, String by)
        implements RunEvent {

    public RunResumed {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(by, "by");
    }

    /** The event in its {@link Envelope}. */
    public RunResumed(Envelope envelope, String by) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), by);
    }
}
