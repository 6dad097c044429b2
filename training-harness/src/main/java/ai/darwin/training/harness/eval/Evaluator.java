package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.data.CharTokenizer;
import ai.darwin.training.harness.metrics.LossMath;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Scores a trained model on the fixed validation set. Each window is fed in chunks of at most the model's context
 * length, so every model is scored on the same tokens and a shorter context simply sees less history. The logits of
 * every chunk come from a freshly built model ({@link FreshModels}) and the loss is computed here, in Java, from a
 * copy of them: the targets are never an array the program could reach.
 *
 * <p>Every scored chunk is checked for causality against a twin in which each row's tokens from a random position on
 * are replaced by text from elsewhere in the validation split: the logits before that position must not change.
 * The positions and the order of the pair come from a {@link SecureRandom}, and each model in the pair is built
 * fresh, so a program can neither predict which positions are checked nor remember the twin it saw. A model that
 * looks ahead at a fraction f of positions escapes one row's check with probability 1 - f, all of them with
 * (1 - f)^(rows × chunks).
 */
public final class Evaluator {

    /** Logits of earlier positions may move this much (relative) when later tokens change: float noise only. */
    static final double CAUSALITY_TOLERANCE = 1e-4;

    private final CharTokenizer tokenizer;
    private final ValidationSet validation;
    private final int[] validationTokens;
    private final Random checks;

    /**
     * @param tokenizer        the corpus's tokenizer, for the bytes each token stands for
     * @param validation       the fixed held-out windows
     * @param validationTokens the validation split, where the causality check takes its replacement text
     */
    public Evaluator(CharTokenizer tokenizer, ValidationSet validation, int[] validationTokens) {
        this(tokenizer, validation, validationTokens, new SecureRandom());
    }

    Evaluator(CharTokenizer tokenizer, ValidationSet validation, int[] validationTokens, Random checks) {
        this.tokenizer = tokenizer;
        this.validation = validation;
        this.validationTokens = validationTokens;
        this.checks = checks;
    }

    /**
     * @param models builds the trained model afresh for each call
     * @throws HarnessException CONTRACT_VIOLATION when the logits have the wrong shape or type, the model throws,
     *                          or a position's logits depend on later tokens
     */
    public ValidationScore evaluate(FreshModels models) throws HarnessException {
        int vocabulary = tokenizer.vocabularySize();
        int window = validation.contextLength();
        int chunk = Math.max(1, Math.min(models.snapshot().architecture().contextLength(), window));
        double nats = 0;
        long tokens = 0;
        long bytes = 0;
        for (int b = 0; b < validation.batches(); b++) {
            int[][] rows = validation.batch(b);
            for (int start = 0; start < window; start += chunk) {
                int length = Math.min(chunk, window - start);
                long[] ids = slice(rows, start, length);
                float[] logits = scoredWithCausalityCheck(models, ids, rows.length, length, vocabulary);
                for (int r = 0; r < rows.length; r++) {
                    for (int t = 0; t < length; t++) {
                        int target = rows[r][start + t + 1];
                        nats += LossMath.negativeLogSoftmax(logits, (r * length + t) * vocabulary, vocabulary, target);
                        bytes += tokenizer.utf8Bytes(target);
                    }
                }
                tokens += (long) rows.length * length;
            }
        }
        return new ValidationScore(nats / tokens, LossMath.bitsPerByte(nats, bytes), tokens, bytes);
    }

    /** Runs a chunk and its spliced twin, in a random order, and returns the chunk's logits once they agree. */
    private float[] scoredWithCausalityCheck(FreshModels models, long[] ids, int rows, int length, int vocabulary)
            throws HarnessException {
        if (length < 2) {
            return models.logits(ids, rows, length);
        }
        int[] splice = new int[rows];
        long[] twin = ids.clone();
        for (int r = 0; r < rows; r++) {
            splice[r] = 1 + checks.nextInt(length - 1);
            int from = checks.nextInt(validationTokens.length - length);
            for (int t = splice[r]; t < length; t++) {
                twin[r * length + t] = validationTokens[from + t];
            }
        }
        float[] scored;
        float[] spliced;
        if (checks.nextBoolean()) {
            scored = models.logits(ids, rows, length);
            spliced = models.logits(twin, rows, length);
        } else {
            spliced = models.logits(twin, rows, length);
            scored = models.logits(ids, rows, length);
        }
        for (int r = 0; r < rows; r++) {
            int from = r * length * vocabulary;
            int to = from + splice[r] * vocabulary;
            double scale = 1;
            double difference = 0;
            for (int i = from; i < to; i++) {
                scale = Math.max(scale, Math.abs(scored[i]));
                difference = Math.max(difference, Math.abs(scored[i] - spliced[i]));
            }
            // NaN logits are not judged here: they make the validation loss NaN, a NAN_LOSS failure
            if (difference > CAUSALITY_TOLERANCE * scale) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the model is not causal: changing the "
                        + "tokens from position " + splice[r] + " on changed the logits at positions 0.."
                        + (splice[r] - 1) + " by up to " + (float) difference + "; position t may attend only to "
                        + "positions 0..t");
            }
        }
        return scored;
    }

    static long[] slice(int[][] rows, int start, int length) {
        long[] ids = new long[rows.length * length];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < length; t++) {
                ids[r * length + t] = rows[r][start + t];
            }
        }
        return ids;
    }
}
