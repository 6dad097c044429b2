package ai.darwin.hitl.approval;

import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import org.bson.Document;

/**
 * An approval request and, once decided, its decision.
 *
 * @param requestId     the request
 * @param runId         its run
 * @param kind          what is asked for
 * @param agentId       the asking agent
 * @param variantId     the variant whose proposal raised it, if any
 * @param detail        exactly what is asked ({@code maxTokens=…, maxSeconds=…}, {@code population=…}, an import, …)
 * @param justification the agent's reasons
 * @param requestedAt   when it was asked
 * @param status        {@code pending} or {@code decided}
 * @param approved      the decision, once decided
 * @param decidedBy     who decided
 * @param comment       the decider's words for the agents
 * @param decidedAt     when it was decided
 */
public record ApprovalView(String requestId, String runId, ApprovalKind kind, String agentId, String variantId,
                           String detail, String justification, Instant requestedAt, String status, Boolean approved,
                           String decidedBy, String comment, Instant decidedAt) {

    static ApprovalView of(Document approval) {
        String kind = approval.getString("kind");
        return new ApprovalView(approval.getString("_id"), approval.getString("runId"),
                kind == null ? null : ApprovalKind.valueOf(kind), approval.getString("agentId"),
                approval.getString("variantId"), approval.getString("detail"), approval.getString("justification"),
                Documents.instant(approval, "requestedAt"), approval.getString("status"),
                approval.getBoolean("approved"), approval.getString("decidedBy"), approval.getString("comment"),
                Documents.instant(approval, "decidedAt"));
    }
}
