package ai.darwin.hitl.approval;

import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.hitl.store.Documents;
import ai.darwin.hitl.store.HitlCollections;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Approval requests by request id, as the approvals topic tells them, and the decisions taken here. The first
 * decision of a request wins, whether it was taken on this dashboard or arrived on the topic, as at selection.
 */
@ApplicationScoped
public class ApprovalStore {

    private static final String PENDING = ApprovalStatus.PENDING.value();
    private static final String DECIDED = ApprovalStatus.DECIDED.value();

    private final HitlCollections collections;

    ApprovalStore(HitlCollections collections) {
        this.collections = collections;
    }

    /** Applies a request or decision from the topic; a redelivered one changes nothing. */
    public void record(ApprovalEvent event) {
        if (event instanceof ApprovalRequested request) {
            collections.approvals().updateOne(Filters.eq("_id", request.requestId()), Updates.combine(
                    Updates.set("runId", request.runId()), Updates.set("kind", request.kind().name()),
                    Updates.set("agentId", request.agentId()), Updates.set("variantId", request.variantId()),
                    Updates.set("detail", request.detail()), Updates.set("justification", request.justification()),
                    Updates.set("requestedAt", Documents.date(request.timestamp())),
                    Updates.setOnInsert("status", PENDING)), new UpdateOptions().upsert(true));
        } else if (event instanceof ApprovalDecided decision) {
            try {
                collections.approvals().updateOne(
                        Filters.and(Filters.eq("_id", decision.requestId()), Filters.ne("status", DECIDED)),
                        decided(decision), new UpdateOptions().upsert(true));
            } catch (MongoWriteException e) {
                // decided already (here, or by an earlier decision on the topic): the first decision stands
                if (!Documents.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    /** A run's requests in the order they were asked, all of them or those in one status. */
    public List<ApprovalView> list(String runId, Optional<ApprovalStatus> status) {
        Bson filter = Filters.eq("runId", runId);
        if (status.isPresent()) {
            filter = Filters.and(filter, Filters.eq("status", status.get().value()));
        }
        return collections.approvals().find(filter).sort(Sorts.ascending("requestedAt", "_id"))
                .map(ApprovalView::of).into(new ArrayList<>());
    }

    public long pending(String runId) {
        return collections.approvals().countDocuments(
                Filters.and(Filters.eq("runId", runId), Filters.eq("status", PENDING)));
    }

    /**
     * Marks a pending request decided, atomically, before its decision is published: of two humans deciding at
     * once, one gets {@link Claim#CLAIMED} and the other {@link Claim#ALREADY_DECIDED}.
     */
    public Claim claim(ApprovalDecided decision) {
        long modified = collections.approvals().updateOne(Filters.and(Filters.eq("_id", decision.requestId()),
                Filters.eq("runId", decision.runId()), Filters.eq("status", PENDING)), decided(decision))
                .getModifiedCount();
        if (modified == 1) {
            return Claim.CLAIMED;
        }
        return find(decision.runId(), decision.requestId()).isPresent() ? Claim.ALREADY_DECIDED : Claim.UNKNOWN;
    }

    /** Undoes a claim whose decision could not be published, so that the request can be decided again. */
    public void release(ApprovalDecided decision) {
        collections.approvals().updateOne(Filters.and(Filters.eq("_id", decision.requestId()),
                        Filters.eq("decisionEventId", decision.eventId())),
                Updates.combine(Updates.set("status", PENDING), Updates.unset("approved"), Updates.unset("decidedBy"),
                        Updates.unset("comment"), Updates.unset("decidedAt"), Updates.unset("decisionEventId")));
    }

    public Optional<ApprovalView> find(String runId, String requestId) {
        return Optional.ofNullable(collections.approvals()
                .find(Filters.and(Filters.eq("_id", requestId), Filters.eq("runId", runId))).first())
                .map(ApprovalView::of);
    }

    private static Bson decided(ApprovalDecided decision) {
        return Updates.combine(Updates.set("runId", decision.runId()), Updates.set("status", DECIDED),
                Updates.set("approved", decision.approved()), Updates.set("decidedBy", decision.decidedBy()),
                Updates.set("comment", decision.comment()), Updates.set("decidedAt", Documents.date(decision.timestamp())),
                Updates.set("decisionEventId", decision.eventId()));
    }

    /** What {@link #claim} found. */
    public enum Claim {
        /** The request was pending and is now decided by this decision. */
        CLAIMED,
        /** The request was decided before. */
        ALREADY_DECIDED,
        /** No such request in this run. */
        UNKNOWN
    }
}
