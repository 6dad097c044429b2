package ai.darwin.selection.ga;

import ai.darwin.events.training.TrainingMetrics;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** The harness metrics fitness may use, each with its direction. Programs never report these themselves. */
public enum Metric {
    VAL_BPB("val_bpb", false, TrainingMetrics::valBitsPerByte),
    VAL_LOSS("val_loss", false, TrainingMetrics::valLoss),
    PERPLEXITY("perplexity", false, TrainingMetrics::perplexity),
    MFU("mfu", true, TrainingMetrics::mfu),
    TOKENS_PER_SECOND("tokens_per_second", true, TrainingMetrics::tokensPerSecond),
    PEAK_MEMORY("peak_memory_bytes", false, m -> m.peakMemoryBytes());

    private final String key;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<TrainingMetrics> reader;

    Metric(String key, boolean higherIsBetter, ToDoubleFunction<TrainingMetrics> reader) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.reader = reader;
    }

    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public double of(TrainingMetrics metrics) {
        return reader.applyAsDouble(metrics);
    }

    public static Metric of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fitness metric '" + key + "'; known: "
                        + Arrays.stream(values()).map(Metric::key).toList()));
    }
}
