package ai.darwin.events.variant;

/**
 * The fixed budget a variant trains under; training stops at whichever limit comes first.
 *
 * @param maxTokens  training tokens (batch × context × steps); 0 for no token limit
 * @param maxSeconds wall-clock seconds of training (engine start and evaluation excluded); 0 for no time limit
 */
public record TrainingBudget(long maxTokens, double maxSeconds) {

    public TrainingBudget {
        if (maxTokens < 0 || maxSeconds < 0) {
            throw new IllegalArgumentException("budget limits must be >= 0");
        }
        if (maxTokens == 0 && maxSeconds == 0) {
            throw new IllegalArgumentException("a budget needs maxTokens or maxSeconds");
        }
    }
}
