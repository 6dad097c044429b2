package ai.darwin.events.generation;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A variant's place in its generation's ranking.
 *
 * @param rank          1 is best; results a sanity gate held rank after the others that completed, failures last
 * @param variantId     the variant
 * @param agentId       the agent that owns it
 * @param outcome       COMPLETED, FAILED or TIMED_OUT
 * @param fitness       the fitness score (higher is better), absent for failures, for results a gate held and for
 *                      the generation's control runs that are not candidates
 * @param valBitsPerByte validation bits per byte, absent for failures
 * @param mfu           model FLOPs utilisation, absent for failures
 * @param tokensPerSecond training throughput, absent for failures
 * @param failureClass  why it failed, for failures
 * @param integrityFlags the sanity gates that held this result: it completed, its metrics are reported as
 *                       measured, but it was not ranked by fitness, cannot survive and cannot become champion.
 *                       Omitted when empty, and absent in events written before the gates existed: read as empty.
 * @param versusControl  this variant against its generation's control: absent for the control itself, for failures,
 *                       when the control did not complete, and in events written before generations had controls
 */
public record RankedVariant(int rank, String variantId, String agentId, VariantOutcome outcome,
                            @Nullable Double fitness, @Nullable Double valBitsPerByte, @Nullable Double mfu,
                            @Nullable Double tokensPerSecond, @Nullable FailureClass failureClass,
                            @Nullable @JsonInclude(JsonInclude.Include.NON_EMPTY)
                            List<IntegrityFlag> integrityFlags, @Nullable ControlDelta versusControl) {

    public RankedVariant {
        Require.atLeast(rank, 1, "rank");
        Require.text(variantId, "variantId");
        Require.text(agentId, "agentId");
        Require.present(outcome, "outcome");
        integrityFlags = integrityFlags == null ? List.of() : Require.list(integrityFlags, "integrityFlags");
    }

    /** A variant without a comparison with a control. */
    public RankedVariant(int rank, String variantId, String agentId, VariantOutcome outcome, Double fitness,
                         Double valBitsPerByte, Double mfu, Double tokensPerSecond, FailureClass failureClass,
                         List<IntegrityFlag> integrityFlags) {
        this(rank, variantId, agentId, outcome, fitness, valBitsPerByte, mfu, tokensPerSecond, failureClass,
                integrityFlags, null);
    }

    /** A variant that no sanity gate held, without a comparison with a control. */
    public RankedVariant(int rank, String variantId, String agentId, VariantOutcome outcome, Double fitness,
                         Double valBitsPerByte, Double mfu, Double tokensPerSecond, FailureClass failureClass) {
        this(rank, variantId, agentId, outcome, fitness, valBitsPerByte, mfu, tokensPerSecond, failureClass,
                List.of(), null);
    }

    /** @return whether a sanity gate held this result: reported, never crowned */
    public boolean flagged() {
        return !integrityFlags.isEmpty();
    }
}
