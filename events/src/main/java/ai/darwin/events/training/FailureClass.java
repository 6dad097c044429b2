package ai.darwin.events.training;

/** Why a variant's training failed: every failure is classified, none kills a worker. */
public enum FailureClass {
    /** javac rejected the program; the message carries its diagnostics. */
    COMPILE_ERROR,
    /** The program uses an API outside the training SDK's allowed set (network, processes, reflection, ...). */
    FORBIDDEN_API,
    /** The program threw; the log tail carries the stack. */
    RUNTIME_EXCEPTION,
    /** It ran past its wall-clock limit. */
    TIMEOUT,
    /** It ran out of heap or native memory. */
    OUT_OF_MEMORY,
    /** The training or validation loss became NaN or infinite. */
    NAN_LOSS,
    /** The loss grew far above its starting value. */
    DIVERGED,
    /** The program broke the harness's contract (bad logits shape, wrong vocabulary, ...). */
    CONTRACT_VIOLATION,
    /** Not the program's fault (dataset unreachable, engine failed to load): may be retried. */
    INFRASTRUCTURE,
    /**
     * A corpus the variant names is refused: outside the dataset allow-list, above the size cap, or not the bytes
     * approved (SHA-256). Neither the program's fault nor one a retry can fix.
     */
    DATASET_REFUSED
}
