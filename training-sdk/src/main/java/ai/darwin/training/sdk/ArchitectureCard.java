package ai.darwin.training.sdk;

/**
 * The shape of a trained model as its program declares it. The harness uses it for the FLOPs estimate and the
 * report; it counts the parameters itself.
 *
 * @param layers        transformer blocks L
 * @param heads         attention heads H per block
 * @param embeddingDim  model width C
 * @param contextLength the longest input T the model accepts
 */
public record ArchitectureCard(int layers, int heads, int embeddingDim, int contextLength) {

    public ArchitectureCard {
        if (layers < 0 || heads < 1 || embeddingDim < 1 || contextLength < 1) {
            throw new IllegalArgumentException("an architecture needs layers >= 0 and heads, embeddingDim, "
                    + "contextLength >= 1, but was " + layers + ", " + heads + ", " + embeddingDim + ", "
                    + contextLength);
        }
    }
}
