package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.HarnessException;

import java.util.List;

/**
 * Counts the parameters a model actually uses: the elements of each weight array whose disturbance changes the
 * logits. A program cannot inflate its parameter count, and with it its FLOPs and MFU, by listing arrays it never
 * uses, nor by adding them in with a negligible weight: each array is disturbed by noise of a twentieth of its own
 * magnitude (and at least 0.02), and counts only if that moves the logits beyond float noise.
 */
public final class UsedParameters {

    /** Noise added to an array, as a fraction of its root mean square, plus {@link #ABSOLUTE_NOISE}. */
    static final double RELATIVE_NOISE = 0.05;
    /**
     * The noise's absolute part: biases that one training step barely moved from zero must still show their effect
     * (at 1e-3, a tiny model's MLP bias did not move the logits beyond float noise).
     */
    static final double ABSOLUTE_NOISE = 0.02;
    /** A disturbed array is used when it moves a logit by more than this, relative to the largest logit (≥ 1). */
    static final double USED_TOLERANCE = 1e-4;
    /** Rows of the first validation window the test runs on. */
    static final int ROWS = 2;

    private UsedParameters() {
    }

    /**
     * @param models builds the trained model afresh for each call
     * @param ids    a few validation rows, {@code rows × length}
     * @return the count of the used arrays' elements
     */
    public static long count(FreshModels models, long[] ids, int rows, int length) throws HarnessException {
        List<ModelSnapshot.Weights> weights = models.snapshot().weights();
        if (weights.isEmpty()) {
            return 0;
        }
        float[] baseline = models.logits(ids, rows, length);
        double scale = 1;
        for (float value : baseline) {
            scale = Math.max(scale, Math.abs(value));
        }
        long used = 0;
        for (int i = 0; i < weights.size(); i++) {
            if (!weights.get(i).dataType().isFloating() || weights.get(i).size() == 0) {
                continue;
            }
            float[] disturbed = models.logits(ids, rows, length, new FreshModels.Perturbation(i, RELATIVE_NOISE));
            if (moved(baseline, disturbed, USED_TOLERANCE * scale)) {
                used += weights.get(i).size();
            }
        }
        return used;
    }

    private static boolean moved(float[] baseline, float[] disturbed, double tolerance) {
        for (int i = 0; i < baseline.length; i++) {
            // NaN counts as moved: whatever the array does, it matters
            if (!(Math.abs(baseline[i] - disturbed[i]) <= tolerance)) {
                return true;
            }
        }
        return false;
    }
}
