package ai.darwin.events.generation;

/** What an assignment asks for. */
public enum AssignmentKind {
    /** Rewrite the target's program (an LLM or the offline mutator). */
    MUTATE,
    /** Train the unmodified seed program as the run's baseline (generation 0): a candidate, and its first control. */
    BASELINE,
    /**
     * Re-train an existing program unchanged, for statistics, never a candidate: the verification's pairs, and the
     * seed program as a control (generation 0's noise-floor seeds, and each later generation's control).
     */
    VERIFY
}
