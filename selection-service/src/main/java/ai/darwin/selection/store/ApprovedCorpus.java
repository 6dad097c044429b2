package ai.darwin.selection.store;

import ai.darwin.events.run.ExtraCorpus;

/**
 * A corpus a human approved for a run's training mixture.
 *
 * @param corpus         the corpus, its checksum, weight and lineage as approved
 * @param fromGeneration the first generation that trains on it: the one after the generation open at approval, so
 *                       that the variants of one generation all train on the same mixture
 */
public record ApprovedCorpus(ExtraCorpus corpus, int fromGeneration) {
}
