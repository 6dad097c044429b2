package ai.darwin.training.harness;

/**
 * Why a run failed. The names match {@code ai.darwin.events.training.FailureClass} one for one, so a service maps
 * them with {@code FailureClass.valueOf(name())}; the harness does not depend on the events module.
 */
public enum FailureClass {
    /** javac rejected the program. */
    COMPILE_ERROR,
    /** The program uses an API outside the SDK's allowed set. */
    FORBIDDEN_API,
    /** The program threw. */
    RUNTIME_EXCEPTION,
    /** It ran past its wall-clock limit. */
    TIMEOUT,
    /** It ran out of heap or native memory. */
    OUT_OF_MEMORY,
    /** A training or validation loss was NaN or infinite. */
    NAN_LOSS,
    /** The loss grew far above its starting value. */
    DIVERGED,
    /** The program broke the harness's contract (bad logits shape, not causal, drew past its budget, ...). */
    CONTRACT_VIOLATION,
    /** Not the program's fault (dataset unreachable, engine failed to load): may be retried. */
    INFRASTRUCTURE,
    /**
     * A corpus the variant names is refused: outside the dataset allow-list, above the size cap, or not the bytes
     * approved (SHA-256). Neither the program's fault nor one a retry can fix.
     */
    DATASET_REFUSED
}
