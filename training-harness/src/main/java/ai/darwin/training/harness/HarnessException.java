package ai.darwin.training.harness;

/** A run failure the harness has already classified. */
public class HarnessException extends Exception {

    private final FailureClass failureClass;

    public HarnessException(FailureClass failureClass, String message) {
        this(failureClass, message, null);
    }

    public HarnessException(FailureClass failureClass, String message, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
    }

    public FailureClass failureClass() {
        return failureClass;
    }
}
