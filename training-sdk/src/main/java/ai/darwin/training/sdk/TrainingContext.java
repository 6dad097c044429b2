package ai.darwin.training.sdk;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/** What the harness gives a training program. */
public interface TrainingContext {

    /**
     * The manager that owns the model's parameters: it stays open until the harness has evaluated the model.
     * Open one sub-manager per training step ({@code manager().newSubManager()}) and close it at the end of the step,
     * or every step's temporaries leak.
     *
     * @return the program's root manager, on {@link #device()}
     */
    NDManager manager();

    /** @return where to train: a GPU when the harness has one, else the CPU */
    Device device();

    /** @return the harness's preset name: {@code gpu} or {@code cpu}; programs size their model by it */
    String preset();

    /** @return whether training runs on a GPU */
    boolean gpu();

    /** @return the number of distinct token ids V; ids are {@code 0..V-1} */
    int vocabularySize();

    /**
     * The run's seed. The harness has already seeded the engine's random generator with it before calling
     * {@link TrainingProgram#train}, and the batch order derives from it.
     *
     * @return the seed
     */
    long seed();

    /** @return the training budget, which the program must poll and respect */
    Budget budget();

    /**
     * A deterministic source of training batches drawn from the training split only.
     *
     * @param batchSize     rows per batch B, at least 1
     * @param contextLength tokens per row T, at least 1 and shorter than the training split
     * @return a new batch source; every call with the same arguments replays the same sequence
     */
    Batches batches(int batchSize, int contextLength);

    /** @return where to report progress; informational only, never part of the score */
    ProgressReporter progress();
}
