package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import org.bson.Document;

/**
 * A human intervention in a run.
 *
 * @param interventionId its id
 * @param kind           GUIDANCE, VETO, PROMOTE, PAUSE, RESUME or STOP
 * @param agentId        the agent guidance is for, if one
 * @param variantId      the variant vetoed or promoted
 * @param message        the guidance text or the reason
 * @param by             who intervened
 * @param at             when
 */
public record InterventionView(String interventionId, String kind, String agentId, String variantId, String message,
                               String by, Instant at) {

    static InterventionView of(Document intervention) {
        return new InterventionView(intervention.getString("_id"), intervention.getString("kind"),
                intervention.getString("agentId"), intervention.getString("variantId"),
                intervention.getString("message"), intervention.getString("by"), Documents.instant(intervention, "at"));
    }
}
