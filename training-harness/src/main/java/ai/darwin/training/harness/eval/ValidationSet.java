package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.HarnessConfig;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed held-out batches: windows of {@code contextLength + 1} validation tokens whose starts are drawn with the
 * evaluation's own seed. Position t of a window is predicted from positions before it.
 */
public final class ValidationSet {

    private final int[][][] windows;
    private final int contextLength;

    private ValidationSet(int[][][] windows, int contextLength) {
        this.windows = windows;
        this.contextLength = contextLength;
    }

    public static ValidationSet of(int[] validation, HarnessConfig.Evaluation spec) {
        int length = spec.contextLength() + 1;
        if (validation.length < length) {
            throw new IllegalArgumentException("the validation split has " + validation.length
                    + " tokens, fewer than one evaluation window of " + length);
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        int[][][] windows = new int[spec.batches()][spec.batchSize()][];
        for (int[][] batch : windows) {
            for (int row = 0; row < batch.length; row++) {
                int start = random.nextInt(validation.length - length + 1);
                batch[row] = Arrays.copyOfRange(validation, start, start + length);
            }
        }
        return new ValidationSet(windows, spec.contextLength());
    }

    /**
     * @return the first {@code count} batches, the same windows in the same order: a batch the smoke step checks is
     *         one the evaluation scores, so the program's model cannot tell the two apart by what it is shown
     */
    public ValidationSet first(int count) {
        return new ValidationSet(Arrays.copyOf(windows, Math.max(1, Math.min(count, windows.length))), contextLength);
    }

    public int batches() {
        return windows.length;
    }

    /** @return the windows of one batch, each {@code contextLength() + 1} tokens */
    public int[][] batch(int index) {
        return windows[index];
    }

    /** @return predicted tokens per window */
    public int contextLength() {
        return contextLength;
    }

    /** @return every predicted token (each window without its first token), in order */
    public int[] targets() {
        int[] targets = new int[windows.length * windows[0].length * contextLength];
        int i = 0;
        for (int[][] batch : windows) {
            for (int[] window : batch) {
                System.arraycopy(window, 1, targets, i, contextLength);
                i += contextLength;
            }
        }
        return targets;
    }
}
