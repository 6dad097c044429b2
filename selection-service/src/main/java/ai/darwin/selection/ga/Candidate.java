package ai.darwin.selection.ga;

import ai.darwin.events.training.TrainingMetrics;

/**
 * A program that trained, with the harness's metrics.
 *
 * @param variantId the variant
 * @param agentId   the agent that owns it
 * @param metrics   what the harness measured
 */
public record Candidate(String variantId, String agentId, TrainingMetrics metrics) {
}
