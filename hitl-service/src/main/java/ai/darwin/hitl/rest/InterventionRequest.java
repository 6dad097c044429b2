package ai.darwin.hitl.rest;

import ai.darwin.events.Nullable;
import ai.darwin.events.hitl.InterventionKind;

/**
 * What a human asks of a run.
 *
 * @param kind      GUIDANCE, VETO, PROMOTE, PAUSE, RESUME or STOP
 * @param agentId   the agent guidance is for (all agents when absent)
 * @param variantId the variant a VETO or PROMOTE concerns
 * @param message   guidance text, or the reason
 * @param by        who asks
 */
public record InterventionRequest(InterventionKind kind, @Nullable String agentId, @Nullable String variantId,
                                  String message, String by) {
}
