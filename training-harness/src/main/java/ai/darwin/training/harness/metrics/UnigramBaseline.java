package ai.darwin.training.harness.metrics;

/**
 * The cross-entropy of a unigram model (each character's frequency in the training text, add-one smoothed) on
 * held-out tokens: the floor any trained language model should clearly beat.
 */
public final class UnigramBaseline {

    private UnigramBaseline() {
    }

    /** @return mean nats per held-out token */
    public static double crossEntropy(int[] train, int vocabulary, int[] heldOut) {
        long[] counts = new long[vocabulary];
        for (int token : train) {
            counts[token]++;
        }
        double total = train.length + (double) vocabulary;
        double nats = 0;
        for (int token : heldOut) {
            nats -= Math.log((counts[token] + 1) / total);
        }
        return nats / heldOut.length;
    }
}
