package ai.darwin.events.hitl;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * An agent asks for something the rules do not allow without a human.
 *
 * @param requestId     unique id of the request
 * @param kind          what is asked for
 * @param agentId       the asking agent
 * @param variantId     the variant whose proposal raised it, if any
 * @param detail        exactly what is asked (an import, a budget, a file name, ...)
 * @param justification the agent's reasons
 */
public record ApprovalRequested(String eventId, int schemaVersion, String runId, Instant timestamp,
                                String requestId, ApprovalKind kind, String agentId, @Nullable String variantId,
                                String detail, String justification) implements ApprovalEvent {

    public ApprovalRequested {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(requestId, "requestId");
        Require.present(kind, "kind");
        Require.text(agentId, "agentId");
        Require.text(detail, "detail");
        Require.present(justification, "justification");
    }

    /** The event in its {@link Envelope}. */
    public ApprovalRequested(Envelope envelope, String requestId, ApprovalKind kind, String agentId,
                             @Nullable String variantId, String detail, String justification) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), requestId, kind,
                agentId, variantId, detail, justification);
    }
}
