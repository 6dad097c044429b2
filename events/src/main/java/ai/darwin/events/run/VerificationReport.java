package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.training.IntegrityFlag;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The champion re-trained with k seeds beside the unmodified seed program with the same seeds.
 *
 * @param championVariantId the verified variant
 * @param baselineVariantId the generation-0 baseline (the unmodified seed program)
 * @param seeds             the k training seeds both were trained with
 * @param metrics           one comparison per metric (val_bpb, perplexity, mfu), over every re-training that
 *                          completed, as measured
 * @param alpha             the significance level of the verdict (0.01)
 * @param improved          true only if the champion's val_bpb is lower with Welch p &lt; alpha and no re-training
 *                          tripped a sanity gate
 * @param integrityFlags    the sanity gates the re-trainings tripped, each detail naming its re-training; any one
 *                          makes the verdict "not verified". Omitted when empty, and absent in events written
 *                          before the gates existed: read as empty.
 */
public record VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                                 List<MetricComparison> metrics, double alpha, boolean improved,
                                 @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                 List<IntegrityFlag> integrityFlags) {

    public VerificationReport {
        Require.text(championVariantId, "championVariantId");
        Require.text(baselineVariantId, "baselineVariantId");
        seeds = Require.list(seeds, "seeds");
        metrics = Require.list(metrics, "metrics");
        integrityFlags = integrityFlags == null ? List.of() : Require.list(integrityFlags, "integrityFlags");
        if (improved && !integrityFlags.isEmpty()) {
            throw new IllegalArgumentException("field 'improved' must be false when a sanity gate held a re-training: "
                    + integrityFlags.get(0).gate());
        }
    }

    /** A verdict no sanity gate held. */
    public VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                              List<MetricComparison> metrics, double alpha, boolean improved) {
        this(championVariantId, baselineVariantId, seeds, metrics, alpha, improved, List.of());
    }

    /** @return whether a sanity gate held a re-training, which makes the verdict "not verified" */
    public boolean flagged() {
        return !integrityFlags.isEmpty();
    }
}
