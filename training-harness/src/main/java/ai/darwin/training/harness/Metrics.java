package ai.darwin.training.harness;

/**
 * Metrics measured by the harness, field for field those of {@code ai.darwin.events.training.TrainingMetrics}.
 *
 * @param valLoss          mean cross-entropy (nats per token) over the fixed held-out batches
 * @param valBitsPerByte   validation bits per UTF-8 byte of the evaluated characters
 * @param perplexity       exp(valLoss)
 * @param finalTrainLoss   mean of the program's last reported training losses
 * @param tokensTrained    training tokens drawn
 * @param steps            optimizer steps, as the program last reported them
 * @param tokensPerSecond  training tokens per second of training wall time
 * @param parameters       parameter count N, counted by the harness
 * @param flopsPerToken    6N + 12·L·H·Q·T
 * @param peakFlops        the device's peak FLOP/s used for MFU (0 when unknown)
 * @param mfu              model FLOPs utilisation, 0..1 (0 when the peak is unknown)
 * @param peakMemoryBytes  peak resident memory of the process
 * @param trainSeconds     wall time of training
 * @param totalSeconds     wall time including data loading, compiling and evaluation
 * @param device           where it trained, e.g. {@code cpu} or {@code NVIDIA H100 80GB HBM3}
 */
public record Metrics(double valLoss, double valBitsPerByte, double perplexity, double finalTrainLoss,
                      long tokensTrained, long steps, double tokensPerSecond, long parameters,
                      double flopsPerToken, double peakFlops, double mfu, long peakMemoryBytes,
                      double trainSeconds, double totalSeconds, String device) {
}
