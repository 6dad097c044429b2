package ai.darwin.selection.ga;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts over a few metrics: the first front is every program no other program dominates (at least as good on
 * every metric, better on one), the next front the same among the rest, and so on. Throughput metrics count only
 * between programs trained on the same kind of device; across devices they are treated as equal.
 */
final class ParetoFronts {

    private ParetoFronts() {
    }

    /** @return the fronts, best first, each ordered by its first metric (best first) */
    static List<List<Candidate>> of(List<Candidate> pool, List<Metric> objectives) {
        List<Candidate> remaining = new ArrayList<>(pool);
        List<List<Candidate>> fronts = new ArrayList<>();
        Comparator<Candidate> first = Comparator.comparingDouble(
                (Candidate c) -> objectives.get(0).signed(c.metrics())).reversed();
        while (!remaining.isEmpty()) {
            List<Candidate> front = remaining.stream()
                    .filter(c -> remaining.stream().noneMatch(other -> dominates(other, c, objectives)))
                    .sorted(first).toList();
            if (front.isEmpty()) {
                // only a cycle of dominance across devices could leave nobody undominated: rank the rest together
                front = remaining.stream().sorted(first).toList();
            }
            fronts.add(front);
            remaining.removeAll(front);
        }
        return fronts;
    }

    static boolean dominates(Candidate a, Candidate b, List<Metric> objectives) {
        boolean sameDevice = a.metrics().device().equals(b.metrics().device());
        boolean better = false;
        for (Metric metric : objectives) {
            if (metric.throughput() && !sameDevice) {
                continue;
            }
            double difference = metric.signed(a.metrics()) - metric.signed(b.metrics());
            if (difference < 0) {
                return false;
            }
            better |= difference > 0;
        }
        return better;
    }
}
