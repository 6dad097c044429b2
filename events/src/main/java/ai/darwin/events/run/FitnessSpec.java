package ai.darwin.events.run;

import ai.darwin.events.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How variants are ranked, from harness metrics only: which objectives count, and how they combine.
 *
 * @param mode    {@code lexicographic} (compare {@code order} metric by metric, each difference within the run's noise
 *                floor of that metric a tie), {@code pareto} (Pareto rank over the metrics of {@code order}, by
 *                default val_bpb and tokens_per_second) or {@code weighted}
 * @param order   metric names in order of importance, e.g. {@code val_bpb}, {@code mfu}, {@code tokens_per_second}
 * @param weights metric name to weight for the weighted mode (negative weights for lower-is-better metrics)
 */
public record FitnessSpec(String mode, List<String> order, Map<String, Double> weights) {

    /** The default: learning per token first, then speed, with ties decided within the run's noise floors. */
    public static final FitnessSpec DEFAULT = new FitnessSpec("lexicographic",
            List.of("val_bpb", "mfu", "tokens_per_second"), Map.of());

    /** The metrics a Pareto rank uses when the spec names none: quality and speed. */
    public static final List<String> PARETO_DEFAULT = List.of("val_bpb", "tokens_per_second");

    /** What each metric means when it is optimised, in the words of prompts and the terminal. */
    private static final Map<String, String> GOALS = Map.of(
            "val_bpb", "lower validation bits per byte (val_bpb)",
            "val_loss", "lower validation loss",
            "perplexity", "lower validation perplexity",
            "mfu", "higher model FLOPs utilisation (MFU)",
            "tokens_per_second", "more training tokens per second",
            "peak_memory_bytes", "lower peak memory");

    public FitnessSpec {
        Require.text(mode, "mode");
        order = Require.list(order, "order");
        // sorted, so that the same event always encodes to the same bytes
        weights = Collections.unmodifiableMap(new TreeMap<>(Require.present(weights, "weights")));
    }

    /** @return the metrics this spec ranks by, defaults filled in, in order of importance */
    public List<String> objectives() {
        if (mode.equals("weighted")) {
            return List.copyOf(weights.keySet());
        }
        if (!order.isEmpty()) {
            return order;
        }
        return mode.equals("pareto") ? PARETO_DEFAULT : DEFAULT.order();
    }

    /** @return exactly what is optimised, in one paragraph for people and for the mutators' prompts */
    public String describe() {
        List<String> goals = objectives().stream().map(m -> GOALS.getOrDefault(m, m)).toList();
        String throughput = " Throughput (MFU, tokens per second) is compared only between programs trained on the "
                + "same kind of device.";
        return switch (mode) {
            case "lexicographic" -> {
                List<String> steps = new ArrayList<>();
                for (int i = 0; i < goals.size(); i++) {
                    steps.add((i == 0 ? "First " : "then ") + goals.get(i));
                }
                yield String.join("; ", steps) + ". A difference within the run's noise floor of that metric (twice "
                        + "its spread over the unmodified seed program's training seeds) is a tie, and the next "
                        + "metric decides." + throughput;
            }
            case "pareto" -> "Pareto rank over " + String.join(" and ", goals) + ": the programs no other program "
                    + "beats on every one of them rank first, then those only the first beat, and so on; within a "
                    + "rank, " + goals.get(0) + " first." + throughput;
            case "weighted" -> {
                StringBuilder sum = new StringBuilder();
                weights.forEach((metric, weight) -> sum.append(sum.isEmpty() ? (weight < 0 ? "-" : "")
                        : weight < 0 ? " - " : " + ").append(Math.abs(weight)).append(" × ").append(metric));
                yield "The weighted sum " + sum + ", higher is better.";
            }
            default -> "Mode '" + mode + "' over " + String.join(", ", objectives()) + ".";
        };
    }
}
