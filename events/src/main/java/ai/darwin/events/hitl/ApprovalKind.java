package ai.darwin.events.hitl;

/** What an agent asks a human to allow. */
public enum ApprovalKind {
    MORE_DATA,
    MORE_BUDGET,
    NEW_FILE,
    NEW_IMPORT,
    RESTRUCTURE,
    LARGER_POPULATION
}
