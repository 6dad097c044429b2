package ai.darwin.events.run;

import ai.darwin.events.Require;
import java.util.List;

/**
 * The champion re-trained with k seeds beside the unmodified seed program with the same seeds.
 *
 * @param championVariantId the verified variant
 * @param baselineVariantId the generation-0 baseline (the unmodified seed program)
 * @param seeds             the k training seeds both were trained with
 * @param metrics           one comparison per metric (val_bpb, perplexity, mfu)
 * @param alpha             the significance level of the verdict (0.01)
 * @param improved          true only if the champion's val_bpb is lower with Welch p &lt; alpha
 */
public record VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                                 List<MetricComparison> metrics, double alpha, boolean improved) {

    public VerificationReport {
        Require.text(championVariantId, "championVariantId");
        Require.text(baselineVariantId, "baselineVariantId");
        seeds = Require.list(seeds, "seeds");
        metrics = Require.list(metrics, "metrics");
    }
}
