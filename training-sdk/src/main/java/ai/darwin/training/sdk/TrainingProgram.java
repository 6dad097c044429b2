package ai.darwin.training.sdk;

/**
 * A training program: builds a language model, trains it within the budget and hands it back for evaluation.
 *
 * <p>Implementations need a public no-argument constructor. They may use DJL, this package, and {@code java.lang},
 * {@code java.util} (with {@code function} and {@code stream}) and {@code Math}; nothing else (no files, network,
 * processes, threads or reflection).
 */
public interface TrainingProgram {

    /**
     * Trains a model.
     *
     * @param context what the harness provides: manager, device, vocabulary, seed, budget, training batches
     * @return the trained model; its parameters must stay open (on {@link TrainingContext#manager()}) until the
     *     harness has evaluated it
     * @throws Exception anything; the harness classifies it as a failed run
     */
    TrainedModel train(TrainingContext context) throws Exception;
}
