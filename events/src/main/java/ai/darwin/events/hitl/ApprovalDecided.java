package ai.darwin.events.hitl;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * A human decided an approval request. An approved request takes effect from the next generation.
 *
 * @param approved  the decision
 * @param decidedBy who decided
 * @param comment   optional words for the agents
 */
public record ApprovalDecided(String eventId, int schemaVersion, String runId, Instant timestamp, String requestId,
                              boolean approved, String decidedBy, @Nullable String comment)
        implements ApprovalEvent {

    public ApprovalDecided {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(requestId, "requestId");
        Require.text(decidedBy, "decidedBy");
    }

    /** The event in its {@link Envelope}. */
    public ApprovalDecided(Envelope envelope, String requestId, boolean approved, String decidedBy,
                           @Nullable String comment) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), requestId, approved,
                decidedBy, comment);
    }
}
