package ai.darwin.selection.ga;

import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.PairedDifference;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SampleStatistics;
import ai.darwin.statistics.PairedComparison;
import ai.darwin.statistics.SequentialTest;
import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The statistics of a verified improvement: the champion against the unmodified seed program over re-trainings
 * paired by training seed, tested sequentially (the {@code statistics} module's {@link SequentialTest} and
 * {@link PairedComparison}), with each side's mean and 95% interval for the reader.
 */
public final class Verification {

    /** A champion is called an improvement only at this false-positive rate (modded-nanogpt's bar for a record). */
    public static final double ALPHA = 0.01;
    /** The first look, in pairs: fewer cannot show a spread worth testing at alpha / looks. */
    static final int FIRST_LOOK = 3;

    private Verification() {
    }

    /**
     * The sequential test of val_bpb (lower is better) for a verification of at most {@code maxPairs} pairs.
     *
     * @param minimumEffect the smallest improvement called one, as a fraction of the seed's val_bpb
     */
    public static SequentialTest test(int maxPairs, double minimumEffect) {
        return SequentialTest.between(Math.min(FIRST_LOOK, maxPairs), maxPairs, ALPHA, true, minimumEffect);
    }

    /** The run's verification test: its most pairs and its minimum effect. */
    public static SequentialTest test(RunConfig config) {
        return test(config.verificationSeeds(), config.minimumEffectOrDefault());
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

    /**
     * One metric over paired re-trainings: each side's statistics and, from two pairs on, champion − seed with its
     * interval at {@code confidence} and the paired p-value.
     *
     * @param champion the champion's values, one per pair
     * @param seed     the seed program's values for the same training seeds, in the same order
     */
    public static MetricComparison paired(String metric, double[] champion, double[] seed, double confidence) {
        PairedDifference difference = null;
        if (champion.length >= 2) {
            PairedComparison paired = PairedComparison.of(metric, seed, champion, confidence);
            difference = new PairedDifference(paired.pairs(), paired.meanDifference(), paired.ciLow(),
                    paired.ciHigh(), confidence, paired.pValue());
        }
        return new MetricComparison(metric, statistics(champion), statistics(seed), null, difference);
    }
}
