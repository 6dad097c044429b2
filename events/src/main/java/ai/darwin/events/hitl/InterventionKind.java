package ai.darwin.events.hitl;

/** What a human does to a run. */
public enum InterventionKind {
    /** Free-text guidance carried in later mutation prompts. */
    GUIDANCE,
    /** Reject a variant: it ranks last and never survives. */
    VETO,
    /** Force a variant to survive into the next generation. */
    PROMOTE,
    PAUSE,
    RESUME,
    STOP
}
