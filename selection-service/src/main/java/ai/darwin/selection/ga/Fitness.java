package ai.darwin.selection.ga;

import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.training.TrainingMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks trained programs by harness metrics only, as a run's {@link FitnessSpec} says (its {@code describe()} is
 * the same rule in words): lexicographically, each metric's difference within the run's noise floor a tie that the
 * next metric decides (the default: val_bpb, then mfu, then tokens_per_second); by Pareto rank; or by a weighted sum.
 * Throughput decides only between programs trained on the same kind of device: another device's tokens/s say nothing
 * about the program.
 *
 * <p>A tolerance makes "better" intransitive (1.500 ties 1.508, 1.508 ties 1.516, 1.500 beats 1.516), so no
 * comparator can express it; {@link #bestFirst} ranks a whole pool at once instead, and callers compare places in
 * that ranking.
 */
public final class Fitness {

    private final String mode;
    private final List<Metric> order;
    private final Map<String, Double> weights;
    private final NoiseFloor floor;

    private Fitness(String mode, List<Metric> order, Map<String, Double> weights, NoiseFloor floor) {
        this.mode = mode;
        this.order = order;
        this.weights = weights;
        this.floor = floor;
    }

    /** Ranking by raw values: every difference counts (the floor is not known yet, or never will be). */
    public static Fitness of(FitnessSpec spec) {
        return of(spec, null);
    }

    /** @param floor the run's noise floor, or null while none was measured */
    public static Fitness of(FitnessSpec spec, NoiseFloor floor) {
        List<Metric> order = spec.objectives().stream().map(Metric::of).toList();
        return switch (spec.mode()) {
            case "lexicographic", "pareto" -> new Fitness(spec.mode(), order, Map.of(), floor);
            case "weighted" -> {
                if (spec.weights().isEmpty()) {
                    throw new IllegalArgumentException("weighted fitness needs weights");
                }
                yield new Fitness("weighted", order, spec.weights(), floor);
            }
            default -> throw new IllegalArgumentException("fitness mode must be lexicographic, pareto or weighted, "
                    + "not '" + spec.mode() + "'");
        };
    }

    /** @return the pool, best first; equal places are ordered by variant id, so the ranking is reproducible */
    /** The run's val_bpb noise floor, 0 while none was measured. */
    public double valBpbFloor() {
        return floor == null ? 0 : floor.valBitsPerByte();
    }

    public List<Candidate> bestFirst(Collection<Candidate> pool) {
        List<Candidate> candidates = new ArrayList<>(pool);
        candidates.sort(Comparator.comparing(Candidate::variantId));
        return switch (mode) {
            case "weighted" -> candidates.stream()
                    .sorted(Comparator.comparingDouble((Candidate c) -> weighted(c.metrics())).reversed()).toList();
            case "pareto" -> ParetoFronts.of(candidates, order).stream().flatMap(List::stream).toList();
            default -> lexicographic(candidates, 0);
        };
    }

    /**
     * One number per candidate, higher is better, for reports: the weighted sum; minus the Pareto rank; or the first
     * metric signed so that higher is better.
     */
    public Map<String, Double> scores(Collection<Candidate> pool) {
        Map<String, Double> scores = new LinkedHashMap<>();
        if (mode.equals("pareto")) {
            List<List<Candidate>> fronts = ParetoFronts.of(List.copyOf(pool), order);
            for (int rank = 0; rank < fronts.size(); rank++) {
                for (Candidate candidate : fronts.get(rank)) {
                    scores.put(candidate.variantId(), -(rank + 1.0));
                }
            }
            return scores;
        }
        for (Candidate candidate : pool) {
            scores.put(candidate.variantId(), mode.equals("weighted") ? weighted(candidate.metrics())
                    : order.get(0).signed(candidate.metrics()));
        }
        return scores;
    }

    /**
     * Sorts by the metric at {@code depth}; runs of candidates within its noise floor of the run's best are a tie,
     * ranked among themselves by the next metric.
     */
    private List<Candidate> lexicographic(List<Candidate> group, int depth) {
        if (depth == order.size() || group.size() < 2) {
            return group;
        }
        Metric metric = order.get(depth);
        if (metric.throughput() && !Metric.sameDevice(group)) {
            return lexicographic(group, depth + 1);
        }
        List<Candidate> sorted = group.stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> metric.signed(c.metrics())).reversed()).toList();
        double tolerance = metric.floor(floor, sorted.get(0).metrics().device());
        List<Candidate> ranked = new ArrayList<>();
        for (int start = 0; start < sorted.size(); ) {
            double best = metric.of(sorted.get(start).metrics());
            int end = start + 1;
            while (end < sorted.size() && Math.abs(metric.of(sorted.get(end).metrics()) - best) <= tolerance) {
                end++;
            }
            ranked.addAll(lexicographic(sorted.subList(start, end), depth + 1));
            start = end;
        }
        return ranked;
    }

    private double weighted(TrainingMetrics metrics) {
        return weights.entrySet().stream().mapToDouble(w -> w.getValue() * Metric.of(w.getKey()).of(metrics)).sum();
    }
}
