package ai.darwin.selection.ga;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ShinkaEvolve's parent sampling: each program's chance is {@code sigmoid(λ·z) / (1 + children)}, where z is how
 * many noise floors its val_bpb lies below the pool's median and children is how many offspring it already had
 * (its turns as an agent's program). A result that won by luck within the noise gets little more than an even
 * chance, and each offspring it takes halves, thirds, ... its next one, so it cannot take most of them; a program
 * that is better by several floors still gets most of the weight.
 */
final class ParentSampling {

    /** λ: how sharply weight follows the advantage; at 1, one floor better than the median weighs 0.73 vs 0.5. */
    static final double SHARPNESS = 1.0;

    private ParentSampling() {
    }

    /**
     * @param children offspring per variant id so far; the drawn program's count goes up by one here
     * @param floor    the run's val_bpb noise floor; without one (0), the pool's own spread
     */
    static Candidate draw(List<Candidate> pool, Map<String, Integer> children, double floor, Random random) {
        double[] weights = weights(pool, children, floor);
        double u = random.nextDouble() * Arrays.stream(weights).sum();
        int chosen = pool.size() - 1;
        for (int i = 0; i < pool.size(); i++) {
            u -= weights[i];
            if (u < 0) {
                chosen = i;
                break;
            }
        }
        Candidate parent = pool.get(chosen);
        children.merge(parent.variantId(), 1, Integer::sum);
        return parent;
    }

    static double[] weights(List<Candidate> pool, Map<String, Integer> children, double floor) {
        double[] bpb = pool.stream().mapToDouble(c -> c.metrics().valBitsPerByte()).toArray();
        double[] sorted = bpb.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        double scale = floor > 0 ? floor : Math.max(spread(bpb), 1e-6);
        double[] weights = new double[pool.size()];
        for (int i = 0; i < weights.length; i++) {
            double z = (median - bpb[i]) / scale;
            weights[i] = 1 / (1 + Math.exp(-SHARPNESS * z)) / (1 + children.getOrDefault(pool.get(i).variantId(), 0));
        }
        return weights;
    }

    private static double spread(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1));
    }
}
