package ai.darwin.training.harness.run;

import ai.darwin.training.sdk.Batches;
import ai.darwin.training.sdk.Budget;
import ai.darwin.training.sdk.ProgressReporter;
import ai.darwin.training.sdk.TrainingContext;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/** The {@link TrainingContext} a program receives: only training data, never the validation split. */
public final class HarnessContext implements TrainingContext {

    private final NDManager manager;
    private final String preset;
    private final int vocabularySize;
    private final long seed;
    private final int[] trainTokens;
    private final HarnessBudget budget;
    private final ProgressLog progress;

    public HarnessContext(NDManager manager, String preset, int vocabularySize, long seed, int[] trainTokens,
                          HarnessBudget budget, ProgressLog progress) {
        this.manager = manager;
        this.preset = preset;
        this.vocabularySize = vocabularySize;
        this.seed = seed;
        this.trainTokens = trainTokens;
        this.budget = budget;
        this.progress = progress;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public String preset() {
        return preset;
    }

    @Override
    public boolean gpu() {
        return manager.getDevice().isGpu();
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    @Override
    public Batches batches(int batchSize, int contextLength) {
        return new TrainingBatches(trainTokens, seed, batchSize, contextLength, budget);
    }

    @Override
    public ProgressReporter progress() {
        return progress;
    }
}
