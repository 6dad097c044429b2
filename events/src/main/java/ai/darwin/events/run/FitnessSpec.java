package ai.darwin.events.run;

import ai.darwin.events.Require;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How variants are ranked, from harness metrics only.
 *
 * @param mode    {@code lexicographic} (compare {@code order} metric by metric) or {@code weighted}
 * @param order   metric names in order of importance, e.g. {@code val_bpb}, {@code mfu}, {@code tokens_per_second}
 * @param weights metric name to weight for the weighted mode (negative weights for lower-is-better metrics)
 */
public record FitnessSpec(String mode, List<String> order, Map<String, Double> weights) {

    public FitnessSpec {
        Require.text(mode, "mode");
        order = Require.list(order, "order");
        // sorted, so that the same event always encodes to the same bytes
        weights = Collections.unmodifiableMap(new TreeMap<>(Require.present(weights, "weights")));
    }
}
