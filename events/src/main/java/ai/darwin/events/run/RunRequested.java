package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/** A run was asked for, with its full configuration. */
public record RunRequested(String eventId, int schemaVersion, String runId, Instant timestamp,
                           RunConfig config, String requestedBy) implements RunEvent {

    public RunRequested {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.present(config, "config");
        Require.text(requestedBy, "requestedBy");
    }

    /** The event in its {@link Envelope}. */
    public RunRequested(Envelope envelope, RunConfig config, String requestedBy) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), config, requestedBy);
    }
}
