package ai.darwin.training.harness;

/**
 * One point of a training curve, as the program reported it.
 *
 * @param step      optimizer steps, as the program counts them
 * @param tokens    training tokens drawn so far, as the harness counts them
 * @param seconds   training wall time so far
 * @param trainLoss the program's training loss, nats per token (informational)
 */
public record ProgressPoint(long step, long tokens, double seconds, double trainLoss) {
}
