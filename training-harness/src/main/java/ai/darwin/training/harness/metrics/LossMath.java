package ai.darwin.training.harness.metrics;

/** Conversions of a cross-entropy loss. */
public final class LossMath {

    private LossMath() {
    }

    /**
     * Bits per byte: the total loss in bits over the UTF-8 bytes of the predicted text, comparable across
     * tokenizers.
     *
     * @param totalNats sum of the per-token losses, nats
     * @param utf8Bytes UTF-8 bytes of the predicted tokens
     */
    public static double bitsPerByte(double totalNats, long utf8Bytes) {
        if (utf8Bytes <= 0) {
            throw new IllegalArgumentException("utf8Bytes must be > 0");
        }
        return totalNats / (Math.log(2) * utf8Bytes);
    }

    /** @return exp(loss), the perplexity of a mean loss in nats per token */
    public static double perplexity(double lossNats) {
        return Math.exp(lossNats);
    }

    /**
     * The cross-entropy of one position, computed in double precision from a copy of its logits.
     *
     * @param logits     many positions' logits, V after V
     * @param offset     where this position's V logits start
     * @param vocabulary V
     * @param target     the token that came next
     * @return -log softmax(logits)[target], nats; NaN when a logit is NaN or infinite
     */
    public static double negativeLogSoftmax(float[] logits, int offset, int vocabulary, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabulary; v++) {
            max = Math.max(max, logits[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocabulary; v++) {
            sum += Math.exp(logits[offset + v] - max);
        }
        return Math.log(sum) + max - logits[offset + target];
    }
}
