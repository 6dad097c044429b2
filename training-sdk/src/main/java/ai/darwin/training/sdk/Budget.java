package ai.darwin.training.sdk;

/**
 * The training budget: a maximum number of training tokens, a maximum wall-clock time, or both. Training stops at
 * whichever limit comes first. The harness counts the tokens itself, as the batches are drawn, and measures the time
 * from the start of {@link TrainingProgram#train}.
 */
public interface Budget {

    /**
     * Polled by the program before each step: once it is true the program must stop training and return its model.
     *
     * @return whether the tokens drawn or the time spent have reached a limit
     */
    boolean exhausted();

    /** @return the fraction of the budget used so far, 0 to 1 (the larger of the token and time fractions) */
    double fractionUsed();

    /** @return training tokens drawn so far (batch size × context length per batch) */
    long tokensUsed();

    /** @return the token limit, or 0 when there is none */
    long maxTokens();

    /** @return the wall-clock limit in seconds, or 0 when there is none */
    double maxSeconds();
}
