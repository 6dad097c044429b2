package ai.darwin.events.training;

/**
 * Metrics measured by the harness, never by the program.
 *
 * @param valLoss          mean cross-entropy (nats per token) over the fixed held-out batches
 * @param valBitsPerByte   validation bits per byte of the UTF-8 text
 * @param perplexity       exp(valLoss)
 * @param finalTrainLoss   mean training loss over the last reported steps
 * @param tokensTrained    training tokens processed
 * @param steps            optimizer steps
 * @param tokensPerSecond  training tokens per second of training wall time
 * @param parameters       parameter count N, counted by the harness
 * @param flopsPerToken    6N + 12·L·H·Q·T
 * @param peakFlops        the device's peak FLOP/s used for MFU
 * @param mfu              model FLOPs utilisation, 0..1
 * @param peakMemoryBytes  peak resident memory of the training process
 * @param trainSeconds     wall time of training
 * @param totalSeconds     wall time including compile, start and evaluation
 * @param device           where it trained, e.g. {@code cpu} or {@code NVIDIA H100}
 */
public record TrainingMetrics(double valLoss, double valBitsPerByte, double perplexity, double finalTrainLoss,
                              long tokensTrained, long steps, double tokensPerSecond, long parameters,
                              double flopsPerToken, double peakFlops, double mfu, long peakMemoryBytes,
                              double trainSeconds, double totalSeconds, String device) {
}
