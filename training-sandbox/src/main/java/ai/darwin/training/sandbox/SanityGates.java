package ai.darwin.training.sandbox;

import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.platform.text.BoundedText;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.Dataset;
import ai.darwin.training.harness.metrics.CompressionFloor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker's own look at a completed result: it holds the metrics to the harness's sanity gates again, with a floor
 * it computes itself from the corpus, and keeps every gate the child or it found. The child's report was written in
 * the same JVM as the program; what the worker can check without believing it, it checks.
 */
public final class SanityGates {

    /** A gate's detail is written by the harness, but read from the child: bounded like everything it writes. */
    static final int MAX_DETAIL_CHARS = 500;

    private final Map<String, Double> floors = new ConcurrentHashMap<>();

    /**
     * @param reported what the child's harness flagged
     * @param metrics  what it measured
     * @param config   what the variant trained on
     * @return every gate tripped, each once, the worker's detail first
     */
    public List<IntegrityFlag> check(List<IntegrityFlag> reported, TrainingMetrics metrics, HarnessConfig config) {
        Map<IntegrityGate, IntegrityFlag> flags = new LinkedHashMap<>();
        for (ai.darwin.training.harness.IntegrityFlag own : ai.darwin.training.harness.IntegrityFlag.check(
                metrics.valBitsPerByte(), metrics.tokensTrained(), metrics.tokensPerSecond(),
                metrics.flopsPerToken(), metrics.peakFlops(), floor(config))) {
            IntegrityGate gate = IntegrityGate.valueOf(own.gate().name());
            flags.put(gate, new IntegrityFlag(gate, own.detail()));
        }
        for (IntegrityFlag flag : reported) {
            flags.putIfAbsent(flag.gate(), new IntegrityFlag(flag.gate(),
                    BoundedText.head(flag.detail(), MAX_DETAIL_CHARS)));
        }
        return List.copyOf(new ArrayList<>(flags.values()));
    }

    /** @return the corpus's floor, computed once per corpus and split; 0 (no gate) when it cannot be read here */
    double floor(HarnessConfig config) {
        String key = config.corpus().uri() + "|" + config.corpus().sha256() + "|" + config.validationFraction();
        return floors.computeIfAbsent(key, k -> {
            try {
                Dataset data = Dataset.load(config.corpus(), config.validationFraction());
                return CompressionFloor.bitsPerByte(data.tokenizer().decode(data.split().train()),
                        data.tokenizer().decode(data.split().validation()));
            } catch (IOException | RuntimeException e) {
                return 0.0;
            }
        });
    }
}
