package ai.darwin.mutation.prompt;

import ai.darwin.events.training.FailureClass;

/**
 * What each failure class a runtime repair answers means, in the service's own words: the class is the harness's
 * verdict, so this text is trusted, unlike the failure's message and log tail.
 */
final class FailureHints {

    private FailureHints() {
    }

    static String meaning(FailureClass failureClass) {
        return switch (failureClass) {
            case RUNTIME_EXCEPTION -> "the program threw an exception; the stack trace below shows where.";
            case TIMEOUT -> "it ran past its wall-clock limit. It must poll ctx.budget().exhausted() before every "
                    + "step and stop at once, and no step may take far longer than the seed program's.";
            case OUT_OF_MEMORY -> "it ran out of heap or native memory. Open and close one sub-manager per step, "
                    + "keep nothing per step in fields, or make the model, batch or context smaller.";
            case NAN_LOSS -> "the training or validation loss became NaN or infinite: look at the learning rate and "
                    + "warmup, the initialisation scale, normalisation, divisions and logarithms of values that can "
                    + "reach zero.";
            case DIVERGED -> "the loss grew far above its starting value: the learning rate, its warmup, gradient "
                    + "clipping or the initialisation scale are the usual causes.";
            case CONTRACT_VIOLATION -> "it broke the harness's contract (the logits' shape, the vocabulary, or "
                    + "parameters whose shapes or order depend on the budget).";
            default -> "a failure of class " + failureClass + ".";
        };
    }
}
