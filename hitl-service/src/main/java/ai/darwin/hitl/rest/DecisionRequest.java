package ai.darwin.hitl.rest;

import ai.darwin.events.Nullable;

/**
 * A human's decision on an approval request.
 *
 * @param approved true to allow what the agent asked, false to refuse it
 * @param by       who decides
 * @param comment  optional words for the agents
 */
public record DecisionRequest(Boolean approved, String by, @Nullable String comment) {
}
