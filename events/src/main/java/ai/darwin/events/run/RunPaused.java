package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/** The run will open no new generation until it is resumed; the current one still closes. */
public record RunPaused(String eventId, int schemaVersion, String runId, Instant timestamp,
                        String reason, String by) implements RunEvent {

    public RunPaused {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(reason, "reason");
        Require.text(by, "by");
    }

    /** The event in its {@link Envelope}. */
    public RunPaused(Envelope envelope, String reason, String by) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), reason, by);
    }
}
