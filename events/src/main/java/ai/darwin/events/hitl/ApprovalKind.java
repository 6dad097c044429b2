package ai.darwin.events.hitl;

/** What an agent asks a human to allow. */
public enum ApprovalKind {
    MORE_DATA,
    MORE_BUDGET,
    /** A file the program may add; the request's {@code detail} is its path (see {@code ProgramFiles}). */
    NEW_FILE,
    NEW_IMPORT,
    /** The lineage (or the run, per the decision's scope) may split and reorganise its files within the caps. */
    RESTRUCTURE,
    LARGER_POPULATION
}
