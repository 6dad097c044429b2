package ai.darwin.selection.ga;

import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.training.TrainingMetrics;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks trained programs by harness metrics only, as a run's {@link FitnessSpec} says: lexicographically over an
 * ordered list of metrics (the default: val_bpb, then mfu, then tokens_per_second), or by a weighted sum.
 */
public final class Fitness {

    private final boolean weighted;
    private final List<Metric> order;
    private final Map<String, Double> weights;

    private Fitness(boolean weighted, List<Metric> order, Map<String, Double> weights) {
        this.weighted = weighted;
        this.order = order;
        this.weights = weights;
    }

    public static Fitness of(FitnessSpec spec) {
        List<Metric> order = spec.order().isEmpty() ? List.of(Metric.VAL_BPB, Metric.MFU, Metric.TOKENS_PER_SECOND)
                : spec.order().stream().map(Metric::of).toList();
        return switch (spec.mode()) {
            case "lexicographic" -> new Fitness(false, order, Map.of());
            case "weighted" -> {
                spec.weights().keySet().forEach(Metric::of);
                if (spec.weights().isEmpty()) {
                    throw new IllegalArgumentException("weighted fitness needs weights");
                }
                yield new Fitness(true, order, spec.weights());
            }
            default -> throw new IllegalArgumentException("fitness mode must be lexicographic or weighted, not '"
                    + spec.mode() + "'");
        };
    }

    /** One number, higher is better: the weighted sum, or the primary metric signed so that higher is better. */
    public double score(TrainingMetrics metrics) {
        if (weighted) {
            return weights.entrySet().stream()
                    .mapToDouble(w -> w.getValue() * Metric.of(w.getKey()).of(metrics)).sum();
        }
        Metric primary = order.get(0);
        return primary.higherIsBetter() ? primary.of(metrics) : -primary.of(metrics);
    }

    /** Best first. */
    public Comparator<Candidate> bestFirst() {
        if (weighted) {
            return Comparator.comparingDouble((Candidate c) -> score(c.metrics())).reversed()
                    .thenComparing(Candidate::variantId);
        }
        Comparator<Candidate> comparator = null;
        for (Metric metric : order) {
            Comparator<Candidate> next = Comparator.comparingDouble(c -> metric.of(c.metrics()));
            if (metric.higherIsBetter()) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        return comparator.thenComparing(Candidate::variantId);
    }
}
