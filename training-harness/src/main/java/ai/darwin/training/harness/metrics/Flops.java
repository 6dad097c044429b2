package ai.darwin.training.harness.metrics;

import ai.darwin.training.sdk.ArchitectureCard;

/**
 * Training FLOPs and model FLOPs utilisation, as nanoGPT's estimate_mfu (PaLM paper, appendix B), from what the
 * harness measured rather than what the program declared: N is the count of parameters the model demonstrably uses,
 * T the longest context it trained on, and the card's layers are believed only as far as the used parameters can
 * hold them.
 */
public final class Flops {

    private Flops() {
    }

    /**
     * 6N for the matmuls of forward and backward, plus 12·L·C·T for attention (C = H·Q), per token.
     *
     * <p>Every transformer layer of width C has at least 4C² attention weights (query, key, value, output), so a card
     * that declares more layers than {@code N / 4C²} is cut down to that many: a program cannot buy MFU by declaring
     * a thousand layers.
     *
     * @param usedParameters N, counted by the harness
     * @param card           the program's declared shape: layers L and width C
     * @param trainContext   T, the longest context of the batches the program drew
     */
    public static double perToken(long usedParameters, ArchitectureCard card, int trainContext) {
        return 6.0 * usedParameters + 12.0 * believableLayers(usedParameters, card) * card.embeddingDim()
                * trainContext;
    }

    /** @return the card's layers, at most as many as the used parameters can hold at its width */
    public static long believableLayers(long usedParameters, ArchitectureCard card) {
        double perLayer = 4.0 * card.embeddingDim() * card.embeddingDim();
        return Math.min(card.layers(), (long) Math.floor(usedParameters / perLayer));
    }

    /** @return achieved FLOP/s over peak FLOP/s; 0 when the peak is unknown (0) */
    public static double mfu(double flopsPerToken, double tokensPerSecond, double peakFlops) {
        return peakFlops > 0 ? flopsPerToken * tokensPerSecond / peakFlops : 0;
    }
}
