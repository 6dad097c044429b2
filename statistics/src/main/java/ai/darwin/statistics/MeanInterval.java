package ai.darwin.statistics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of n measurements with its Student t interval.
 *
 * @param n          how many
 * @param mean       their mean
 * @param low        the interval's lower end; the mean itself when n is 1
 * @param high       its upper end
 * @param confidence the interval's level
 */
public record MeanInterval(int n, double mean, double low, double high, double confidence) {

    public static MeanInterval of(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        SummaryStatistics summary = new SummaryStatistics();
        for (double value : values) {
            summary.addValue(value);
        }
        double mean = summary.getMean();
        if (values.length < 2) {
            return new MeanInterval(1, mean, mean, mean, confidence);
        }
        double half = new TDistribution(values.length - 1).inverseCumulativeProbability(0.5 + confidence / 2)
                * summary.getStandardDeviation() / Math.sqrt(values.length);
        return new MeanInterval(values.length, mean, mean - half, mean + half, confidence);
    }

    /** @return half the interval's width */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
