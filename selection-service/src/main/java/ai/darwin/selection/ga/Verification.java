package ai.darwin.selection.ga;

import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.SampleStatistics;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/** The statistics of a verified improvement: means, 95% confidence intervals and Welch's t-test. */
public final class Verification {

    /** A champion is called an improvement only below this p-value (modded-nanogpt's bar for a record). */
    public static final double ALPHA = 0.01;

    private Verification() {
    }

    public static SampleStatistics statistics(double[] sample) {
        SummaryStatistics summary = new SummaryStatistics();
        Arrays.stream(sample).forEach(summary::addValue);
        double mean = summary.getMean();
        if (sample.length < 2) {
            return new SampleStatistics(sample.length, mean, mean, mean);
        }
        double t = new TDistribution(sample.length - 1).inverseCumulativeProbability(0.975);
        double half = t * summary.getStandardDeviation() / Math.sqrt(sample.length);
        return new SampleStatistics(sample.length, mean, mean - half, mean + half);
    }

    /** Two-sided Welch t-test p-value, or null when it is undefined (fewer than two values, or no variance). */
    public static Double welchP(double[] champion, double[] baseline) {
        if (champion.length < 2 || baseline.length < 2) {
            return null;
        }
        double p = new TTest().tTest(champion, baseline);
        return Double.isNaN(p) ? null : p;
    }

    public static MetricComparison compare(String metric, double[] champion, double[] baseline) {
        return new MetricComparison(metric, statistics(champion), statistics(baseline), welchP(champion, baseline));
    }
}
