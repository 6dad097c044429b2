package ai.darwin.hitl.rest;

import ai.darwin.events.Nullable;
import ai.darwin.events.hitl.InterventionKind;

/**
 * What a human asks of a run. Who asks is the caller's token, never the body.
 *
 * @param kind      GUIDANCE, VETO, PROMOTE, PAUSE, RESUME or STOP
 * @param agentId   the agent guidance is for (all agents when absent)
 * @param variantId the variant a VETO or PROMOTE concerns
 * @param message   guidance text, or the reason
 * @param by        ignored: accepted so that older clients keep working, but the event records the token's name
 */
public record InterventionRequest(InterventionKind kind, @Nullable String agentId, @Nullable String variantId,
                                  String message, @Nullable String by) {
}
