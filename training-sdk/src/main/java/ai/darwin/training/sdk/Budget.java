package ai.darwin.training.sdk;

/**
 * The training budget: a maximum number of training tokens, a maximum wall-clock time, or both. Training stops at
 * whichever limit comes first. The harness counts the tokens itself, as the batches are drawn, refuses a batch that
 * would take the count past the token limit, and measures the time from the start of {@link TrainingProgram#train}
 * until the harness has taken the returned model's weights.
 */
public interface Budget {

    /**
     * Polled by the program before each step: once it is true the program must stop training and return its model.
     *
     * @return whether the time spent has reached its limit, or the tokens drawn have reached theirs or leave no room
     *     for another batch of the size last drawn
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
