package ai.darwin.events.training;

/**
 * The shape of a trained model as its program declares it (the harness counts parameters itself).
 *
 * @param layers        transformer blocks L
 * @param heads         attention heads H
 * @param embeddingDim  model width C
 * @param contextLength context length T
 * @param vocabularySize vocabulary size V
 */
public record ArchitectureCard(int layers, int heads, int embeddingDim, int contextLength, int vocabularySize) {
}
