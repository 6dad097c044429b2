package ai.darwin.training.sdk;

/** Thrown when a program draws a batch after its budget was exhausted: it should have polled {@link Budget}. */
public class BudgetExhaustedException extends RuntimeException {

    public BudgetExhaustedException(String message) {
        super(message);
    }
}
