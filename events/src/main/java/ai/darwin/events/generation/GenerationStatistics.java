package ai.darwin.events.generation;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * Per-generation statistics, enough for a dashboard without further queries.
 *
 * @param variants            variants in the generation
 * @param completed           variants that trained, those a sanity gate held included
 * @param failed              variants whose training failed
 * @param timedOut            variants without a result by the deadline
 * @param bestValBitsPerByte  lowest validation bits per byte among the completed variants no sanity gate held
 * @param medianValBitsPerByte median over the completed variants no sanity gate held
 * @param failureRate         (failed + timed out) / variants
 * @param proposalErrorRate   proposals that never produced a runnable program / proposals
 * @param errorResolutionRate errors resolved / errors, over the last attempt of each assignment: proposals repaired
 *                            after a failed validation (of those that failed one), and variants that failed in
 *                            training whose runtime repair then trained (of those sent back for one)
 * @param costUsd             LLM cost of the generation
 */
public record GenerationStatistics(int variants, int completed, int failed, int timedOut,
                                   @Nullable Double bestValBitsPerByte, @Nullable Double medianValBitsPerByte,
                                   double failureRate, double proposalErrorRate, double errorResolutionRate,
                                   double costUsd) {

    public GenerationStatistics {
        Require.atLeast(variants, 0, "variants");
        Require.atLeast(completed, 0, "completed");
        Require.atLeast(failed, 0, "failed");
        Require.atLeast(timedOut, 0, "timedOut");
    }
}
