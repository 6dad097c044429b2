package ai.darwin.training.sdk;

/** Where a program reports its training progress; the reports are shown to people and never scored. */
public interface ProgressReporter {

    /**
     * Records one point of the training curve. The harness adds the tokens drawn so far and the time.
     *
     * @param step      optimizer steps taken so far
     * @param trainLoss mean training cross-entropy of the latest step(s), nats per token
     */
    void report(long step, double trainLoss);
}
