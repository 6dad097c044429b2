package ai.darwin.mutation.proposal;

import ai.darwin.events.hitl.ApprovalKind;

/**
 * Something a mutator asks a human to allow.
 *
 * @param kind          what kind of thing
 * @param detail        exactly what (an import, a budget, a file name)
 * @param justification why
 */
public record UpgradeRequest(ApprovalKind kind, String detail, String justification) {
}
