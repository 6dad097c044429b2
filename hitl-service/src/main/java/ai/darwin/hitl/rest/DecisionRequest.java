package ai.darwin.hitl.rest;

import ai.darwin.events.Nullable;

/**
 * A human's decision on an approval request. Who decides is the caller's token, never the body.
 *
 * @param approved true to allow what the agent asked, false to refuse it
 * @param by       ignored: accepted so that older clients keep working, but the decision records the token's name
 * @param comment  optional words for the agents
 * @param corpus   MORE_DATA only: the corpus approved (a path, file: URI or URL on the dataset allow-list); absent: the
 *                 request's detail
 * @param scope    MORE_DATA and NEW_IMPORT only: {@code run} (absent) or {@code lineage}: for MORE_DATA the
 *                 requesting agent's variants, for NEW_IMPORT the programs descending from the asking variant
 * @param sha256   MORE_DATA only: the SHA-256 the approver expects; the corpus is refused when it differs
 * @param weight   MORE_DATA only: how many times its text joins the training stream (1 to 16; absent: 1)
 */
public record DecisionRequest(Boolean approved, @Nullable String by, @Nullable String comment,
                              @Nullable String corpus, @Nullable String scope, @Nullable String sha256,
                              @Nullable Integer weight) {
}
