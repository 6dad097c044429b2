package ai.darwin.events.variant;

/** How a proposal fared in validation. */
public enum ProposalStatus {
    /** Valid at the first attempt. */
    VALID,
    /** Failed validation, then repaired by the mutator within the allowed attempts. */
    REPAIRED,
    /** Still invalid after every repair: the parent program is carried forward unchanged instead. */
    CARRIED_FORWARD,
    /** Not a mutation: a program trained unchanged (baseline or verification). */
    UNCHANGED
}
