package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.Failures;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.data.CharTokenizer;
import ai.darwin.training.harness.metrics.LossMath;
import ai.darwin.training.sdk.TrainedModel;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scores a trained model on the fixed validation set, computing the loss from its logits itself. Each window is fed
 * in chunks of at most the model's context length, so every model is scored on the same tokens and a shorter
 * context simply sees less history.
 */
public final class Evaluator {

    /** Logits of earlier positions may move this much (relative) when later tokens change: float noise only. */
    static final double CAUSALITY_TOLERANCE = 1e-4;

    private final CharTokenizer tokenizer;
    private final ValidationSet validation;

    public Evaluator(CharTokenizer tokenizer, ValidationSet validation) {
        this.tokenizer = tokenizer;
        this.validation = validation;
    }

    /**
     * @param model   the trained model
     * @param manager where the evaluation's temporaries live (one sub-manager per chunk)
     * @throws HarnessException CONTRACT_VIOLATION when the logits have the wrong shape or type, the model throws,
     *                          or a position's logits depend on later tokens
     */
    public ValidationScore evaluate(TrainedModel model, NDManager manager) throws HarnessException {
        int vocabulary = tokenizer.vocabularySize();
        int window = validation.contextLength();
        int chunk = Math.min(model.architecture().contextLength(), window);
        checkCausal(model, manager, chunk);
        double nats = 0;
        long tokens = 0;
        long bytes = 0;
        for (int b = 0; b < validation.batches(); b++) {
            int[][] rows = validation.batch(b);
            for (int start = 0; start < window; start += chunk) {
                int length = Math.min(chunk, window - start);
                try (NDManager step = manager.newSubManager()) {
                    NDArray ids = step.create(slice(rows, start, length), new Shape(rows.length, length));
                    NDArray targets = step.create(slice(rows, start + 1, length), new Shape(rows.length * length));
                    NDArray logits = logits(model, ids, vocabulary);
                    NDArray logProbabilities = logits.reshape(-1, vocabulary).logSoftmax(1);
                    NDArray picked = logProbabilities.get(new NDIndex().addAllDim().addPickDim(targets));
                    nats -= picked.toType(DataType.FLOAT64, false).sum().getDouble();
                }
                for (int[] row : rows) {
                    for (int t = start + 1; t <= start + length; t++) {
                        bytes += tokenizer.utf8Bytes(row[t]);
                    }
                }
                tokens += (long) rows.length * length;
            }
        }
        return new ValidationScore(nats / tokens, LossMath.bitsPerByte(nats, bytes), tokens, bytes);
    }

    /** Changes the second half of a chunk and checks that the logits of the first half stay the same. */
    private void checkCausal(TrainedModel model, NDManager manager, int chunk) throws HarnessException {
        int vocabulary = tokenizer.vocabularySize();
        if (chunk < 2 || vocabulary < 2) {
            return;
        }
        int[][] rows = validation.batch(0);
        int half = chunk / 2;
        long[] original = slice(rows, 0, chunk);
        long[] changed = original.clone();
        for (int i = 0; i < changed.length; i++) {
            if (i % chunk >= half) {
                changed[i] = (changed[i] + 1) % vocabulary;
            }
        }
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(rows.length, chunk);
            NDIndex firstHalf = new NDIndex(":, :{}, :", half);
            NDArray before = logits(model, step.create(original, shape), vocabulary).get(firstHalf);
            NDArray after = logits(model, step.create(changed, shape), vocabulary).get(firstHalf);
            double scale = Math.max(1, before.abs().max().getFloat());
            double difference = before.sub(after).abs().max().getFloat();
            // NaN logits are not judged here: they make the validation loss NaN, a NAN_LOSS failure
            if (difference > CAUSALITY_TOLERANCE * scale) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the model is not causal: changing the "
                        + "tokens after position " + (half - 1) + " changed the logits at positions 0.." + (half - 1)
                        + " by up to " + difference + "; position t may attend only to positions 0..t");
            }
        }
    }

    private static NDArray logits(TrainedModel model, NDArray ids, int vocabulary) throws HarnessException {
        NDArray logits;
        try {
            logits = model.logits(ids);
        } catch (RuntimeException | Error e) {
            if (Failures.isOutOfMemory(e)) {
                throw Failures.classify("logits", e, false);
            }
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits(ids " + ids.getShape()
                    + ") threw " + e, e);
        }
        Shape expected = new Shape(ids.getShape().get(0), ids.getShape().get(1), vocabulary);
        if (logits == null || !logits.getShape().equals(expected)) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits for ids " + ids.getShape()
                    + " must have shape " + expected + " but had " + (logits == null ? "null" : logits.getShape()));
        }
        if (!logits.getDataType().isFloating()) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "logits must be float32 but were "
                    + logits.getDataType());
        }
        return logits.getDataType() == DataType.FLOAT32 ? logits : logits.toType(DataType.FLOAT32, false);
    }

    private static long[] slice(int[][] rows, int start, int length) {
        long[] ids = new long[rows.length * length];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < length; t++) {
                ids[r * length + t] = rows[r][start + t];
            }
        }
        return ids;
    }
}
