package ai.darwin.selection.ga;

import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.training.TrainingMetrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToDoubleFunction;

/** The harness metrics fitness may use, each with its direction. Programs never report these themselves. */
public enum Metric {
    VAL_BPB("val_bpb", false, false, TrainingMetrics::valBitsPerByte),
    VAL_LOSS("val_loss", false, false, TrainingMetrics::valLoss),
    PERPLEXITY("perplexity", false, false, TrainingMetrics::perplexity),
    MFU("mfu", true, true, TrainingMetrics::mfu),
    TOKENS_PER_SECOND("tokens_per_second", true, true, TrainingMetrics::tokensPerSecond),
    PEAK_MEMORY("peak_memory_bytes", false, false, m -> m.peakMemoryBytes());

    private final String key;
    private final boolean higherIsBetter;
    private final boolean throughput;
    private final ToDoubleFunction<TrainingMetrics> reader;

    Metric(String key, boolean higherIsBetter, boolean throughput, ToDoubleFunction<TrainingMetrics> reader) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.throughput = throughput;
        this.reader = reader;
    }

    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether it measures the machine as much as the program: comparable only on the same kind of device. */
    public boolean throughput() {
        return throughput;
    }

    public double of(TrainingMetrics metrics) {
        return reader.applyAsDouble(metrics);
    }

    /** The value signed so that higher is better. */
    public double signed(TrainingMetrics metrics) {
        return higherIsBetter ? of(metrics) : -of(metrics);
    }

    /**
     * Differences up to this are ties: the run's noise floor of this metric, for throughput only where it was measured
     * on the same kind of device; 0 (every difference counts) where the run has none.
     */
    public double floor(NoiseFloor floor, String device) {
        if (floor == null) {
            return 0;
        }
        Double value = switch (this) {
            case VAL_BPB -> floor.valBitsPerByte();
            case MFU -> device.equals(floor.device()) ? floor.mfu() : null;
            case TOKENS_PER_SECOND -> device.equals(floor.device()) ? floor.tokensPerSecond() : null;
            default -> null;
        };
        return value == null ? 0 : value;
    }

    /** Whether every candidate trained on the same kind of device ({@code metrics.device}). */
    public static boolean sameDevice(Collection<Candidate> candidates) {
        return candidates.stream().map(c -> c.metrics().device()).distinct().count() <= 1;
    }

    public static Metric of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fitness metric '" + key + "'; known: "
                        + Arrays.stream(values()).map(Metric::key).toList()));
    }
}
