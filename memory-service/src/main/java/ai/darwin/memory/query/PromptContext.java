package ai.darwin.memory.query;

import java.util.List;

/**
 * What a mutation prompt shows of a run's outcomes (OpenEvolve's prompt: the current program's metrics, previous
 * attempts with their outcomes, the top programs). Every list is short and every text in it cut: the answer is made
 * for a prompt.
 *
 * @param runId           the run
 * @param noiseFloor      the run's val_bpb noise floor, once measured: differences within it are ties
 * @param noiseFloorSeeds how many seeds measured it
 * @param parent          the program being rewritten
 * @param mutator         the rewriting agent's own program
 * @param lineage         the parent's ancestors, nearest first, each with its Δ against its own parent
 * @param attempts        the run's latest attempts, newest first
 * @param lineageAttempts the latest attempts made from the parent or one of its ancestors, newest first
 * @param top             the run's best programs
 */
public record PromptContext(String runId, Double noiseFloor, Integer noiseFloorSeeds, OutcomeView parent,
                            OutcomeView mutator, List<OutcomeView> lineage, List<OutcomeView> attempts,
                            List<OutcomeView> lineageAttempts, List<OutcomeView> top) {
}
