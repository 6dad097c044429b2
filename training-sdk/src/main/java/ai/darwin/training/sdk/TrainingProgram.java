package ai.darwin.training.sdk;

/**
 * A training program: builds a language model, trains it within the budget and hands it back for evaluation.
 *
 * <p>Implementations need a public no-argument constructor. They may use DJL's arrays, blocks, losses, optimizers,
 * trackers and initializers, this package, and {@code java.lang}, {@code java.util} (with {@code function} and
 * {@code stream}) and {@code Math}; nothing else (no files, network, processes, threads, reflection, DJL models or
 * datasets, and no classes of their own that extend NDArray, collections or exceptions).
 *
 * <p><b>How the model is evaluated.</b> When {@code train} returns, the harness copies the weights of
 * {@link TrainedModel#parameters()} and the training instance is done. To score the model, the harness creates new
 * instances of the program (each in a class loader of its own) and calls {@code train} again with a budget that is
 * already exhausted: the program must then build the same model (the same parameter shapes, listed in the same
 * order) and return it without drawing a batch. The harness loads the trained weights into it and calls
 * {@link TrainedModel#logits} once. So a program must build its model before its training loop, whatever the budget,
 * and nothing it keeps in fields or static state survives from training into evaluation, or from one evaluation call
 * to the next.
 */
public interface TrainingProgram {

    /**
     * Trains a model.
     *
     * @param context what the harness provides: manager, device, vocabulary, seed, budget, training batches
     * @return the trained model; its parameters must stay open (on {@link TrainingContext#manager()}) until the
     *     harness has copied them, and with an exhausted budget the same model untrained
     * @throws Exception anything; the harness classifies it as a failed run
     */
    TrainedModel train(TrainingContext context) throws Exception;
}
