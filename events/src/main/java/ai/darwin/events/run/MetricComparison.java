package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * One metric of the champion against the baseline over the same seeds.
 *
 * @param metric    metric name ({@code val_bpb}, {@code perplexity}, {@code mfu})
 * @param champion  the champion's sample statistics
 * @param baseline  the baseline's sample statistics
 * @param welchP    two-sided Welch t-test p-value, absent when both samples have no variance
 */
public record MetricComparison(String metric, SampleStatistics champion, SampleStatistics baseline,
                               @Nullable Double welchP) {

    public MetricComparison {
        Require.text(metric, "metric");
        Require.present(champion, "champion");
        Require.present(baseline, "baseline");
    }
}
