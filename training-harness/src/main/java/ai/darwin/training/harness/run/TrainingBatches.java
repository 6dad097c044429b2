package ai.darwin.training.harness.run;

import ai.darwin.training.sdk.Batch;
import ai.darwin.training.sdk.Batches;
import ai.darwin.training.sdk.BudgetExhaustedException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/** Random windows of the training tokens (nanoGPT's get_batch), in an order fixed by the run's seed. */
final class TrainingBatches implements Batches {

    private final int[] train;
    private final int batchSize;
    private final int contextLength;
    private final HarnessBudget budget;
    private final SplittableRandom random;

    TrainingBatches(int[] train, long seed, int batchSize, int contextLength, HarnessBudget budget) {
        if (batchSize < 1 || contextLength < 1) {
            throw new IllegalArgumentException("batchSize and contextLength must be >= 1 but were " + batchSize
                    + " and " + contextLength);
        }
        if (contextLength >= train.length) {
            throw new IllegalArgumentException("contextLength " + contextLength + " must be shorter than the "
                    + train.length + " training tokens");
        }
        this.train = train;
        this.batchSize = batchSize;
        this.contextLength = contextLength;
        this.budget = budget;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Batch next(NDManager manager) {
        String refusal = budget.charge(batchSize, contextLength);
        if (refusal != null) {
            throw new BudgetExhaustedException(refusal);
        }
        long[] inputs = new long[batchSize * contextLength];
        long[] targets = new long[inputs.length];
        for (int row = 0; row < batchSize; row++) {
            int start = random.nextInt(train.length - contextLength);
            for (int t = 0; t < contextLength; t++) {
                inputs[row * contextLength + t] = train[start + t];
                targets[row * contextLength + t] = train[start + t + 1];
            }
        }
        Shape shape = new Shape(batchSize, contextLength);
        return new Batch(manager.create(inputs, shape), manager.create(targets, shape));
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }
}
