package ai.darwin.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds seeds until the answer is clear: after each pair is added the comparison is looked at, at a few planned
 * sizes, and stops as soon as B is significantly better, or significantly not better (the interval excludes any
 * improvement), or the largest size is reached. Each of the k looks tests at alpha / k (Bonferroni), so however early
 * it stops, the chance of calling a change that does nothing "better" stays at most alpha.
 *
 * <p>With a minimum effect δ, "better" means better by at least δ × A's mean, not merely better: B is called better only
 * when the whole interval lies beyond that margin, and not better as soon as the interval excludes every improvement
 * that large. A significant difference smaller than the margin is real but too small to matter, and is not called an
 * improvement. With δ = 0 this is the plain test: the interval at 1 − alpha / k excludes 0 exactly when p &lt; alpha / k.
 * The margin only makes "better" harder to reach, so the false-positive rate stays at most alpha.
 *
 * @param looks         the numbers of pairs at which the comparison is looked at, ascending; the last is the most
 * @param alpha         the false-positive rate of the whole test
 * @param lowerIsBetter whether B is better when its metric is lower (val_bpb) or higher (tokens/s)
 * @param minimumEffect the smallest improvement worth the name, as a fraction of A's mean (0.005: 0.5 %); 0 for none
 */
public record SequentialTest(List<Integer> looks, double alpha, boolean lowerIsBetter, double minimumEffect) {

    /** What to do after a look. */
    public enum Decision {
        /** Not clear yet: train another pair. */
        CONTINUE,
        /** B is better, at the test's false-positive rate. */
        BETTER,
        /** B is not better: its interval excludes any improvement, or the most pairs gave no clear answer. */
        NOT_BETTER
    }

    public SequentialTest {
        looks = List.copyOf(looks);
        if (looks.isEmpty() || looks.get(0) < 2) {
            throw new IllegalArgumentException("a sequential test needs looks of at least 2 pairs, but had " + looks);
        }
        for (int i = 1; i < looks.size(); i++) {
            if (looks.get(i) <= looks.get(i - 1)) {
                throw new IllegalArgumentException("looks must ascend, but were " + looks);
            }
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1) but was " + alpha);
        }
        if (!(minimumEffect >= 0 && minimumEffect < 1)) {
            throw new IllegalArgumentException("the minimum effect must be in [0, 1) but was " + minimumEffect);
        }
    }

    /** A test that calls any significant improvement better, however small. */
    public SequentialTest(List<Integer> looks, double alpha, boolean lowerIsBetter) {
        this(looks, alpha, lowerIsBetter, 0);
    }

    /**
     * Looks at {@code min}, then about half again more each time, up to {@code max} pairs: 3, 5, 8 for 3..8.
     *
     * @param min the first look, at least 2
     * @param max the most pairs
     */
    public static SequentialTest between(int min, int max, double alpha, boolean lowerIsBetter) {
        return between(min, max, alpha, lowerIsBetter, 0);
    }

    /**
     * As {@link #between(int, int, double, boolean)}, with a minimum effect.
     *
     * @param minimumEffect the smallest improvement worth the name, as a fraction of A's mean
     */
    public static SequentialTest between(int min, int max, double alpha, boolean lowerIsBetter,
                                         double minimumEffect) {
        List<Integer> looks = new ArrayList<>();
        for (int n = Math.max(2, min); n < max; n = Math.max(n + 1, (int) Math.round(n * 1.6))) {
            looks.add(n);
        }
        looks.add(Math.max(Math.max(2, min), max));
        return new SequentialTest(looks, alpha, lowerIsBetter, minimumEffect);
    }

    /** @return the most pairs the test may need */
    public int maxPairs() {
        return looks.get(looks.size() - 1);
    }

    /** @return the level each look tests at */
    public double alphaPerLook() {
        return alpha / looks.size();
    }

    /**
     * @param metric the deciding metric's name
     * @param a      A's values over the pairs trained so far
     * @param b      B's values for the same seeds
     * @return what to do now
     */
    public Decision decide(String metric, double[] a, double[] b) {
        int n = a.length;
        if (!looks.contains(n)) {
            return n >= maxPairs() ? Decision.NOT_BETTER : Decision.CONTINUE;
        }
        Decision look = look(metric, a, b);
        return look == Decision.CONTINUE && n >= maxPairs() ? Decision.NOT_BETTER : look;
    }

    /**
     * The last look when no more pairs will come, whatever their number: some of the planned pairs failed to train,
     * or time ran out. It tests at alpha / k like every planned look and takes the place of the looks that did not
     * happen, so the test still looks at most k times and its false-positive rate stays at most alpha.
     *
     * @return BETTER or NOT_BETTER; NOT_BETTER with fewer than 2 pairs, which cannot show anything
     */
    public Decision conclude(String metric, double[] a, double[] b) {
        if (a.length < 2) {
            return Decision.NOT_BETTER;
        }
        return look(metric, a, b) == Decision.BETTER ? Decision.BETTER : Decision.NOT_BETTER;
    }

    /** @return the most pairs to train next: from {@code pairs} up to the next planned look, 0 after the last */
    public int pairsToNextLook(int pairs) {
        return looks.stream().filter(look -> look > pairs).findFirst().map(look -> look - pairs).orElse(0);
    }

    /**
     * @param a A's values
     * @return the margin an improvement must clear, in the metric's units: the minimum effect times A's mean
     */
    public double margin(double[] a) {
        return minimumEffect * Math.abs(Arrays.stream(a).average().orElse(0));
    }

    /**
     * Whether a comparison at this test's level is significant but smaller than the minimum effect: a real
     * difference, too small to be called an improvement.
     */
    public boolean significantButSmall(PairedComparison comparison, double margin) {
        boolean improvesOnAverage = lowerIsBetter ? comparison.meanDifference() < 0 : comparison.meanDifference() > 0;
        boolean beyondMargin = lowerIsBetter ? comparison.ciHigh() < -margin : comparison.ciLow() > margin;
        return comparison.pValue() < alphaPerLook() && improvesOnAverage && !beyondMargin;
    }

    private Decision look(String metric, double[] a, double[] b) {
        // the interval at 1 - alpha/k excludes 0 exactly when the look's two-sided test rejects; with a margin, it
        // must exclude every improvement smaller than the margin
        PairedComparison look = PairedComparison.of(metric, a, b, 1 - alphaPerLook());
        double margin = margin(a);
        boolean improvesOnAverage = lowerIsBetter ? look.meanDifference() < 0 : look.meanDifference() > 0;
        boolean beyondMargin = lowerIsBetter ? look.ciHigh() < -margin : look.ciLow() > margin;
        if (look.pValue() < alphaPerLook() && improvesOnAverage && beyondMargin) {
            return Decision.BETTER;
        }
        boolean excludesImprovement = lowerIsBetter ? look.ciLow() >= -margin : look.ciHigh() <= margin;
        return excludesImprovement ? Decision.NOT_BETTER : Decision.CONTINUE;
    }
}
