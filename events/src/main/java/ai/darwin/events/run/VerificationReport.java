package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.training.IntegrityFlag;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The champion re-trained beside the unmodified seed program, in pairs that share a training seed and train one after
 * the other (seed, champion, seed, champion, …), added sequentially: the test looks at the val_bpb differences after
 * each planned number of pairs ({@code looks}, each at alpha / looks) and stops as soon as the champion is
 * significantly better, or significantly not better, or the last look is reached.
 *
 * @param championVariantId the verified variant
 * @param baselineVariantId the generation-0 baseline (the unmodified seed program)
 * @param seeds             the training seeds of the pairs trained
 * @param metrics           one comparison per metric (val_bpb, perplexity, tokens_per_second, mfu) over the pairs
 *                          whose two re-trainings completed (for throughput, on the same kind of device), as measured
 * @param alpha             the false-positive rate of the verdict (0.01), however early the test stopped
 * @param improved          true only if the sequential paired test found the champion's val_bpb lower (in older
 *                          events: Welch p &lt; alpha) and no re-training tripped a sanity gate
 * @param integrityFlags    the sanity gates the re-trainings tripped, each detail naming its re-training; any one
 *                          makes the verdict "not verified". Omitted when empty, and absent in events written
 *                          before the gates existed: read as empty.
 * @param looks             the numbers of pairs at which the sequential test looks, e.g. [3, 5]; absent in events
 *                          written before the verification was sequential
 */
public record VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                                 List<MetricComparison> metrics, double alpha, boolean improved,
                                 @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY)
                                 List<IntegrityFlag> integrityFlags,
                                 @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> looks,
                                 @Nullable Double minimumEffect) {

    public VerificationReport {
        Require.text(championVariantId, "championVariantId");
        Require.text(baselineVariantId, "baselineVariantId");
        seeds = Require.list(seeds, "seeds");
        metrics = Require.list(metrics, "metrics");
        integrityFlags = integrityFlags == null ? List.of() : Require.list(integrityFlags, "integrityFlags");
        looks = looks == null ? List.of() : Require.list(looks, "looks");
        if (minimumEffect != null && !(minimumEffect >= 0 && minimumEffect < 1)) {
            throw new IllegalArgumentException("field 'minimumEffect' must be in [0, 1) but was " + minimumEffect);
        }
        if (improved && !integrityFlags.isEmpty()) {
            throw new IllegalArgumentException("field 'improved' must be false when a sanity gate held a re-training: "
                    + integrityFlags.get(0).gate());
        }
    }

    /** A verdict as written before it had a minimum effect. */
    public VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                              List<MetricComparison> metrics, double alpha, boolean improved,
                              List<IntegrityFlag> integrityFlags, List<Integer> looks) {
        this(championVariantId, baselineVariantId, seeds, metrics, alpha, improved, integrityFlags, looks, null);
    }

    /** A verdict as written before the verification was sequential. */
    public VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                              List<MetricComparison> metrics, double alpha, boolean improved,
                              List<IntegrityFlag> integrityFlags) {
        this(championVariantId, baselineVariantId, seeds, metrics, alpha, improved, integrityFlags, List.of(), null);
    }

    /** A verdict no sanity gate held, as written before the verification was sequential. */
    public VerificationReport(String championVariantId, String baselineVariantId, List<Long> seeds,
                              List<MetricComparison> metrics, double alpha, boolean improved) {
        this(championVariantId, baselineVariantId, seeds, metrics, alpha, improved, List.of(), List.of(), null);
    }

    /** @return the minimum effect as a fraction of the seed's val_bpb; 0 where the event has none */
    public double minimumEffectOrZero() {
        return minimumEffect != null ? minimumEffect : 0;
    }

    /** @return whether a sanity gate held a re-training, which makes the verdict "not verified" */
    public boolean flagged() {
        return !integrityFlags.isEmpty();
    }
}
