package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * One metric of the champion against the baseline over the same seeds.
 *
 * @param metric     metric name ({@code val_bpb}, {@code perplexity}, {@code tokens_per_second}, {@code mfu})
 * @param champion   the champion's sample statistics
 * @param baseline   the baseline's sample statistics
 * @param welchP     two-sided Welch t-test p-value, in events written before the verification was paired by seed;
 *                   absent since (the paired test is in {@code difference}), and when both samples have no variance
 * @param difference champion − baseline over the re-trainings paired by seed, with its interval and paired p-value;
 *                   absent with fewer than two pairs and in events written before the verification was paired
 */
public record MetricComparison(String metric, SampleStatistics champion, SampleStatistics baseline,
                               @Nullable Double welchP, @Nullable PairedDifference difference) {

    public MetricComparison {
        Require.text(metric, "metric");
        Require.present(champion, "champion");
        Require.present(baseline, "baseline");
    }

    /** A comparison as written before the verification was paired by seed. */
    public MetricComparison(String metric, SampleStatistics champion, SampleStatistics baseline, Double welchP) {
        this(metric, champion, baseline, welchP, null);
    }
}
