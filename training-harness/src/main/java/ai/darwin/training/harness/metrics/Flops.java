package ai.darwin.training.harness.metrics;

import ai.darwin.training.sdk.ArchitectureCard;

/** Training FLOPs and model FLOPs utilisation, as nanoGPT's estimate_mfu (PaLM paper, appendix B). */
public final class Flops {

    private Flops() {
    }

    /**
     * 6N for the matmuls of forward and backward, plus 12·L·H·Q·T for attention, per token.
     *
     * @param parameters N
     * @param card       L layers, H heads, Q = C / H per head, T context
     */
    public static double perToken(long parameters, ArchitectureCard card) {
        double headDim = (double) card.embeddingDim() / card.heads();
        return 6.0 * parameters
                + 12.0 * card.layers() * card.heads() * headDim * card.contextLength();
    }

    /** @return achieved FLOP/s over peak FLOP/s; 0 when the peak is unknown (0) */
    public static double mfu(double flopsPerToken, double tokensPerSecond, double peakFlops) {
        return peakFlops > 0 ? flopsPerToken * tokensPerSecond / peakFlops : 0;
    }
}
