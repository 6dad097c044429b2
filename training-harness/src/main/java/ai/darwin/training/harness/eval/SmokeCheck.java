package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.HarnessException;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The smoke step's evaluation: the evaluation's own checks (the logits contract, causality, a finite validation
 * loss) on the first held-out batch, through the same {@link FreshModels} and {@link Evaluator} as the scoring. Its
 * numbers are thrown away: a model after a few steps has no score, and the divergence checks, which judge a trained
 * model, do not apply to it.
 */
public final class SmokeCheck {

    /** Held-out batches the smoke step checks: one is every chunk shape the scoring feeds the model. */
    public static final int BATCHES = 1;

    private SmokeCheck() {
    }

    /**
     * @param engine the engine whose per-thread grad mode the evaluation turns off; it is set back afterwards, so
     *               that the run's training starts in the state a run without a smoke step starts in
     * @throws HarnessException what the evaluation would throw for the same model
     */
    public static void check(FreshModels models, Scoring.Inputs inputs, Engine engine) throws HarnessException {
        boolean pyTorch = "PyTorch".equals(engine.getEngineName());
        boolean gradMode = pyTorch && JniUtils.isGradMode();
        try {
            ValidationScore score = new Evaluator(inputs.tokenizer(), inputs.validation().first(BATCHES),
                    inputs.validationTokens()).evaluate(models);
            Scoring.requireFinite(score.loss());
        } finally {
            if (pyTorch) {
                JniUtils.setGradMode(gradMode);
            }
        }
    }
}
