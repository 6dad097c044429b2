package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.data.CharTokenizer;

/** The evaluation phase: the validation score with its causality checks, and the count of the parameters used. */
public final class Scoring {

    private Scoring() {
    }

    /**
     * What the harness scores with.
     *
     * @param tokenizer        the corpus's tokenizer
     * @param validation       the fixed held-out windows
     * @param validationTokens the validation split (replacement text for the causality checks)
     */
    public record Inputs(CharTokenizer tokenizer, ValidationSet validation, int[] validationTokens) {
    }

    /**
     * @param score          loss and bits per byte on the held-out windows
     * @param usedParameters the elements of the weight arrays the model demonstrably uses
     * @param modelBuilds    how many times the model was built afresh
     */
    public record Result(ValidationScore score, long usedParameters, int modelBuilds) {
    }

    /** @throws HarnessException NAN_LOSS when the validation loss is NaN or infinite */
    public static void requireFinite(double validationLoss) throws HarnessException {
        if (!Double.isFinite(validationLoss)) {
            throw new HarnessException(FailureClass.NAN_LOSS, "the validation loss was " + validationLoss);
        }
    }

    public static Result score(FreshModels models, Inputs inputs) throws HarnessException {
        ValidationScore score = new Evaluator(inputs.tokenizer(), inputs.validation(), inputs.validationTokens())
                .evaluate(models);
        int[][] window = inputs.validation().batch(0);
        int rows = Math.min(UsedParameters.ROWS, window.length);
        int length = Math.max(1, Math.min(models.snapshot().architecture().contextLength(),
                inputs.validation().contextLength()));
        long[] ids = Evaluator.slice(java.util.Arrays.copyOf(window, rows), 0, length);
        long used = UsedParameters.count(models, ids, rows, length);
        return new Result(score, used, models.calls());
    }
}
