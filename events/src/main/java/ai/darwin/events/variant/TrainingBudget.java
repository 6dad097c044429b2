package ai.darwin.events.variant;

import ai.darwin.events.Nullable;

/**
 * The fixed budget a variant trains under; training stops at whichever limit comes first.
 *
 * @param maxTokens  training tokens (batch × context × steps); 0 for no token limit
 * @param maxSeconds wall-clock seconds of training (engine start and evaluation excluded); 0 for no time limit
 * @param smokeSteps the smoke step: before training under the budget, the harness trains this many steps and puts
 *                   the model through the evaluation's checks on one held-out batch, so that a program that would
 *                   fail only in evaluation fails after seconds (its failure's message starts "failed in the smoke
 *                   step"). Its steps come on top of the budget and its numbers are never scores. 0 or absent (older
 *                   events): no smoke step
 */
public record TrainingBudget(long maxTokens, double maxSeconds, @Nullable Integer smokeSteps) {

    public TrainingBudget {
        if (maxTokens < 0 || maxSeconds < 0) {
            throw new IllegalArgumentException("budget limits must be >= 0");
        }
        if (maxTokens == 0 && maxSeconds == 0) {
            throw new IllegalArgumentException("a budget needs maxTokens or maxSeconds");
        }
        if (smokeSteps != null && smokeSteps < 0) {
            throw new IllegalArgumentException("field 'smokeSteps' must be >= 0");
        }
    }

    /** A budget without a smoke step. */
    public TrainingBudget(long maxTokens, double maxSeconds) {
        this(maxTokens, maxSeconds, null);
    }

    /** @return the smoke step's training steps; 0 when there is none (absent in older events) */
    public int smokeStepsOrNone() {
        return smokeSteps == null ? 0 : smokeSteps;
    }

    /** @return this budget with other limits and the same smoke step */
    public TrainingBudget withLimits(long newMaxTokens, double newMaxSeconds) {
        return new TrainingBudget(newMaxTokens, newMaxSeconds, smokeSteps);
    }
}
