package ai.darwin.selection.run;

import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.selection.ga.Candidate;
import java.util.List;
import java.util.Map;

/**
 * What a closing generation produced.
 *
 * @param ranking    every variant, best first, failures and timeouts last
 * @param statistics the generation's statistics
 * @param trained    the variants that trained and were not vetoed
 * @param ownVariant each agent's own new variant, where it trained
 * @param byVariant  the trained candidates by variant id, the verification's included
 */
record GenerationOutcome(List<RankedVariant> ranking, GenerationStatistics statistics, List<Candidate> trained,
                         Map<String, Candidate> ownVariant, Map<String, Candidate> byVariant) {
}
