package ai.darwin.statistics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.Arrays;

/**
 * One metric of program B against program A over runs paired by seed: each pair trained with the same seed, so the
 * same batches and, where the shapes agree, the same initial draws. The test is on the differences B − A, which carry
 * the change's effect without most of the seed's noise.
 *
 * @param metric         what was measured, e.g. {@code val_bpb}
 * @param pairs          n
 * @param meanA          A's mean
 * @param meanB          B's mean
 * @param meanDifference mean of B − A
 * @param ciLow          lower end of the confidence interval of the mean difference
 * @param ciHigh         upper end
 * @param confidence     the interval's level, e.g. 0.95
 * @param pValue         two-sided paired t-test; 1 when every difference is 0, 0 when all are equal and non-zero
 */
public record PairedComparison(String metric, int pairs, double meanA, double meanB, double meanDifference,
                               double ciLow, double ciHigh, double confidence, double pValue) {

    /**
     * @param a          A's values, one per seed
     * @param b          B's values for the same seeds, in the same order
     * @param confidence the interval's level
     */
    public static PairedComparison of(String metric, double[] a, double[] b, double confidence) {
        if (a.length != b.length || a.length < 1) {
            throw new IllegalArgumentException("a paired comparison needs as many values of B as of A, at least one, "
                    + "but had " + a.length + " and " + b.length);
        }
        SummaryStatistics differences = new SummaryStatistics();
        for (int i = 0; i < a.length; i++) {
            differences.addValue(b[i] - a[i]);
        }
        int n = a.length;
        double mean = differences.getMean();
        double meanA = Arrays.stream(a).average().orElse(Double.NaN);
        double meanB = Arrays.stream(b).average().orElse(Double.NaN);
        double sd = n > 1 ? differences.getStandardDeviation() : Double.NaN;
        if (n < 2 || Double.isNaN(sd)) {
            return new PairedComparison(metric, n, meanA, meanB, mean, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, confidence, 1);
        }
        if (sd == 0) {
            // deterministic training: every pair differed by exactly the same amount
            return new PairedComparison(metric, n, meanA, meanB, mean, mean, mean, confidence, mean == 0 ? 1 : 0);
        }
        TDistribution t = new TDistribution(n - 1);
        double standardError = sd / Math.sqrt(n);
        double half = t.inverseCumulativeProbability(0.5 + confidence / 2) * standardError;
        double p = 2 * t.cumulativeProbability(-Math.abs(mean / standardError));
        return new PairedComparison(metric, n, meanA, meanB, mean, mean - half, mean + half, confidence, p);
    }

    /** @return the mean difference relative to A's mean, e.g. -0.02 for 2 % lower */
    public double relativeDifference() {
        return meanA == 0 ? Double.NaN : meanDifference / Math.abs(meanA);
    }
}
