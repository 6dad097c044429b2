package ai.darwin.selection.run;

import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.selection.ga.Candidate;
import java.util.List;
import java.util.Map;

/**
 * What a closing generation produced.
 *
 * @param ranking    every variant, best first, failures and timeouts last
 * @param statistics the generation's statistics
 * @param trained    the variants that trained, were not vetoed and no sanity gate held, best first
 * @param ownVariant each agent's own new variant, where it trained
 * @param byVariant  the trained candidates by variant id, the verification's included, whatever held them
 * @param flags      the sanity gates that held results, by variant id
 * @param controlVariantId the generation's control, when it completed unflagged; null otherwise
 */
record GenerationOutcome(List<RankedVariant> ranking, GenerationStatistics statistics, List<Candidate> trained,
                         Map<String, Candidate> ownVariant, Map<String, Candidate> byVariant,
                         Map<String, List<IntegrityFlag>> flags, String controlVariantId) {
}
