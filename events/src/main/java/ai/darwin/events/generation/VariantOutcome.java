package ai.darwin.events.generation;

/** How a variant's training ended, as its generation saw it. */
public enum VariantOutcome {
    COMPLETED,
    FAILED,
    /** No result arrived before the generation's deadline. */
    TIMED_OUT
}
