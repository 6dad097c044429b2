package ai.darwin.events.generation;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.training.FailureClass;

/**
 * A variant's place in its generation's ranking.
 *
 * @param rank          1 is best; failures rank last
 * @param variantId     the variant
 * @param agentId       the agent that owns it
 * @param outcome       COMPLETED, FAILED or TIMED_OUT
 * @param fitness       the fitness score (higher is better), absent for failures
 * @param valBitsPerByte validation bits per byte, absent for failures
 * @param mfu           model FLOPs utilisation, absent for failures
 * @param tokensPerSecond training throughput, absent for failures
 * @param failureClass  why it failed, for failures
 */
public record RankedVariant(int rank, String variantId, String agentId, VariantOutcome outcome,
                            @Nullable Double fitness, @Nullable Double valBitsPerByte, @Nullable Double mfu,
                            @Nullable Double tokensPerSecond, @Nullable FailureClass failureClass) {

    public RankedVariant {
        Require.atLeast(rank, 1, "rank");
        Require.text(variantId, "variantId");
        Require.text(agentId, "agentId");
        Require.present(outcome, "outcome");
    }
}
