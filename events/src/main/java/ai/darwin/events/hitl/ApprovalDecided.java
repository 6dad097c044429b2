package ai.darwin.events.hitl;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.run.ExtraCorpus;
import java.time.Instant;

/**
 * A human decided an approval request. An approved request takes effect from the next generation.
 *
 * @param approved  the decision
 * @param decidedBy who decided
 * @param comment   optional words for the agents
 * @param scope     whom an approved change applies to (absent: the whole run)
 * @param corpus    for an approved MORE_DATA request: the corpus that joins the training mixture, with the SHA-256
 *                  recorded at approval; absent otherwise
 */
public record ApprovalDecided(String eventId, int schemaVersion, String runId, Instant timestamp, String requestId,
                              boolean approved, String decidedBy, @Nullable String comment,
                              @Nullable ApprovalScope scope, @Nullable ExtraCorpus corpus)
        implements ApprovalEvent {

    public ApprovalDecided {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(requestId, "requestId");
        Require.text(decidedBy, "decidedBy");
        if (corpus != null && !approved) {
            throw new IllegalArgumentException("a refused request grants no 'corpus'");
        }
    }

    /** A decision that grants nothing beyond what the request asked, for the whole run. */
    public ApprovalDecided(String eventId, int schemaVersion, String runId, Instant timestamp, String requestId,
                           boolean approved, String decidedBy, @Nullable String comment) {
        this(eventId, schemaVersion, runId, timestamp, requestId, approved, decidedBy, comment, null, null);
    }

    /** The event in its {@link Envelope}, with its scope and, for MORE_DATA, the approved corpus. */
    public ApprovalDecided(Envelope envelope, String requestId, boolean approved, String decidedBy,
                           @Nullable String comment, @Nullable ApprovalScope scope, @Nullable ExtraCorpus corpus) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), requestId, approved,
                decidedBy, comment, scope, corpus);
    }

    /** The event in its {@link Envelope}. */
    public ApprovalDecided(Envelope envelope, String requestId, boolean approved, String decidedBy,
                           @Nullable String comment) {
        this(envelope, requestId, approved, decidedBy, comment, null, null);
    }
}
