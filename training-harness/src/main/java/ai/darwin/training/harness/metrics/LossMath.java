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
}
