package ai.darwin.selection.store;

import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;

/**
 * A variant as selection sees it: its proposal and, once it arrives, its first training result.
 *
 * @param proposal the proposal (program source included)
 * @param result   the first result recorded for it, or null while it trains
 */
public record VariantRecord(VariantProposed proposal, TrainingResult result) {
}
