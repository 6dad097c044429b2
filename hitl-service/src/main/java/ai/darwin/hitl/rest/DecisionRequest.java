package ai.darwin.hitl.rest;

import ai.darwin.events.Nullable;

/**
 * A human's decision on an approval request. Who decides is the caller's token, never the body.
 *
 * @param approved true to allow what the agent asked, false to refuse it
 * @param by       ignored: accepted so that older clients keep working, but the decision records the token's name
 * @param comment  optional words for the agents
 */
public record DecisionRequest(Boolean approved, @Nullable String by, @Nullable String comment) {
}
