package ai.darwin.mutation.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compact Tree-structured Parzen Estimator (Bergstra et al. 2011) over knob vectors. The measured variants are
 * split into the best fraction {@code gamma} (good) and the rest (bad, failures always here); each is modelled as a
 * product of one Parzen density per knob: Gaussian kernels over the value (its logarithm when all values are
 * positive) for numbers, smoothed frequencies for names. A candidate's score is log l(x) − log g(x); TPE's expected
 * improvement grows with it. No Java library fits here: the TPE implementations on Maven Central come with whole
 * optimisation frameworks and their own trial loops, and this space is a few dozen discrete neighbours of the parent.
 */
final class Tpe {

    /**
     * A measured program.
     *
     * @param vector its knob vector
     * @param loss   lower is better: Δ val_bpb against its generation's control; {@link Double#POSITIVE_INFINITY}
     *               for a failure
     */
    record Observation(Map<String, String> vector, double loss) {
    }

    /**
     * The model for one set of observations.
     *
     * @param good the good group
     * @param bad  the bad group
     */
    record Model(List<Observation> good, List<Observation> bad, double gamma) {

        /** log l(x) − log g(x): positive where the good programs cluster more than the bad ones. */
        double score(Map<String, String> candidate) {
            Set<String> knobs = new TreeSet<>(candidate.keySet());
            good.forEach(o -> knobs.addAll(o.vector().keySet()));
            bad.forEach(o -> knobs.addAll(o.vector().keySet()));
            double score = 0;
            for (String knob : knobs) {
                String value = candidate.getOrDefault(knob, "");
                List<String> all = new ArrayList<>();
                good.forEach(o -> all.add(o.vector().getOrDefault(knob, "")));
                bad.forEach(o -> all.add(o.vector().getOrDefault(knob, "")));
                all.add(value);
                score += Math.log(density(knob, value, good, all)) - Math.log(density(knob, value, bad, all));
            }
            return score;
        }

        /** The expected improvement relative to a flat model (1 when good and bad are alike here). */
        double expectedImprovement(double score) {
            return 1 / (gamma + (1 - gamma) * Math.exp(-score));
        }
    }

    /** The good group's share, rounded up: small, as in Optuna (10 %), so that the good group stays pure. */
    static final double GAMMA = 0.15;
    /**
     * The prior's weight relative to a group's size. Standard TPE gives the prior one point's weight in each group;
     * with a good group of 2 and a bad group of 40, every value neither has seen then looks five times better than
     * the parent's. Weighted by the group's size instead, a value without evidence scores as neutral, and only
     * measured differences move the search.
     */
    static final double PRIOR = 0.25;

    /** Completed measurements before the model is trusted; until then proposals explore. */
    static final int STARTUP = 4;

    private Tpe() {
    }

    /** The model, or null while fewer than {@link #STARTUP} measurements completed. */
    static Model fit(List<Observation> observations) {
        List<Observation> completed = observations.stream().filter(o -> Double.isFinite(o.loss()))
                .sorted(Comparator.comparingDouble(Observation::loss)).toList();
        if (completed.size() < STARTUP) {
            return null;
        }
        int goodCount = Math.max(1, (int) Math.ceil(GAMMA * completed.size()));
        List<Observation> good = completed.subList(0, goodCount);
        List<Observation> bad = new ArrayList<>(completed.subList(goodCount, completed.size()));
        observations.stream().filter(o -> !Double.isFinite(o.loss())).forEach(bad::add);
        return new Model(List.copyOf(good), List.copyOf(bad), GAMMA);
    }

    private static double density(String knob, String value, List<Observation> group, List<String> all) {
        List<String> points = group.stream().map(o -> o.vector().getOrDefault(knob, "")).toList();
        double[] numbers = numbers(all);
        if (numbers != null) {
            boolean log = java.util.Arrays.stream(numbers).allMatch(v -> v > 0);
            double min = java.util.Arrays.stream(numbers).map(v -> log ? Math.log(v) : v).min().orElse(0);
            double max = java.util.Arrays.stream(numbers).map(v -> log ? Math.log(v) : v).max().orElse(0);
            if (max - min < 1e-12) {
                return 1; // every program has the same value: the knob tells good from bad not at all
            }
            double range = max - min;
            double x = transform(Double.parseDouble(value), log);
            // the prior: one wide kernel over the whole range, so that an unseen value is never impossible
            double sum = PRIOR * points.size() * gaussian(x, (min + max) / 2, range);
            // one bandwidth for both groups (from all the values), so that neither group's density is sharper merely
            // because it holds more points
            double bandwidth = Math.max(range / Math.max(2, Math.sqrt(all.size())), range * 0.1);
            for (String point : points) {
                sum += gaussian(x, transform(Double.parseDouble(point), log), bandwidth);
            }
            return sum / (points.size() * (1 + PRIOR));
        }
        Set<String> categories = new HashSet<>(all);
        long count = points.stream().filter(value::equals).count();
        return (count + PRIOR * points.size() / categories.size()) / (points.size() * (1 + PRIOR));
    }

    private static double[] numbers(List<String> values) {
        double[] numbers = new double[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            try {
                numbers[i] = Double.parseDouble(values.get(i));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return numbers;
    }

    private static double transform(double value, boolean log) {
        return log ? Math.log(value) : value;
    }

    private static double gaussian(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
    }
}
