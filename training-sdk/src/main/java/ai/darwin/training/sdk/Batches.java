package ai.darwin.training.sdk;

import ai.djl.ndarray.NDManager;

/** A deterministic, endless source of training batches (random windows of the training split). */
public interface Batches {

    /**
     * Draws the next batch and counts its tokens against the budget.
     *
     * @param manager the manager the batch's arrays are attached to, usually the step's sub-manager
     * @return the next batch
     * @throws BudgetExhaustedException when the budget cannot pay for the batch (it would pass the token limit, or the
     *                                   time limit and its grace have passed); the run then fails, even if the
     *                                   program catches it
     */
    Batch next(NDManager manager);

    /** @return rows per batch B */
    int batchSize();

    /** @return tokens per row T */
    int contextLength();
}
