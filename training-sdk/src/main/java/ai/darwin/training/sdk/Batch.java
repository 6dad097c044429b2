package ai.darwin.training.sdk;

import ai.djl.ndarray.NDArray;

/**
 * One training batch.
 *
 * @param inputs  token ids, int64 {@code [B, T]}
 * @param targets the next token after each input position, int64 {@code [B, T]}
 */
public record Batch(NDArray inputs, NDArray targets) {
}
