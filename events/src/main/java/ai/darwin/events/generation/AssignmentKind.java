package ai.darwin.events.generation;

/** What an assignment asks for. */
public enum AssignmentKind {
    /** Rewrite the target's program (an LLM or the offline mutator). */
    MUTATE,
    /** Train the unmodified seed program: the run's baseline (generation 0). */
    BASELINE,
    /** Re-train an existing program with another seed, for the verified-improvement statistics. */
    VERIFY
}
