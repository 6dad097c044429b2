package ai.darwin.training.harness.eval;

/**
 * The harness's measurement of a model on the validation set.
 *
 * @param loss        mean cross-entropy, nats per token
 * @param bitsPerByte total bits over the UTF-8 bytes of the predicted characters
 * @param tokens      predicted tokens
 * @param bytes       UTF-8 bytes of the predicted tokens
 */
public record ValidationScore(double loss, double bitsPerByte, long tokens, long bytes) {
}
