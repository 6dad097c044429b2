package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What memory-service measured of a run, for a prompt ({@code GET /prompt-context}): the parent's metrics, its
 * lineage, the latest attempts with their outcomes, the run's best programs, the mutating agent's own program.
 *
 * @param noiseFloor      the run's val_bpb noise floor, once measured
 * @param noiseFloorSeeds how many seeds measured it
 * @param parent          the program being rewritten, when memory knows it
 * @param mutator         the rewriting agent's own program, when memory knows it
 * @param lineage         the parent's ancestors, nearest first
 * @param attempts        the run's latest attempts, newest first
 * @param lineageAttempts the latest attempts from the parent's lineage that {@code attempts} leaves out
 * @param top             the run's best programs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Outcomes(Double noiseFloor, Integer noiseFloorSeeds, Outcome parent, Outcome mutator,
                       List<Outcome> lineage, List<Outcome> attempts, List<Outcome> lineageAttempts,
                       List<Outcome> top) {

    /** Nothing measured, or memory-service did not answer. */
    public static final Outcomes NONE = new Outcomes(null, null, null, null, List.of(), List.of(), List.of(),
            List.of());

    public Outcomes {
        lineage = lineage == null ? List.of() : List.copyOf(lineage);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        lineageAttempts = lineageAttempts == null ? List.of() : List.copyOf(lineageAttempts);
        top = top == null ? List.of() : List.copyOf(top);
    }

    /**
     * One variant as memory-service measured it; every text in it was written by a program or a model.
     *
     * @param outcome        KEPT, DISCARDED, TRAINED (its generation is still open), HELD, FAILED or PENDING
     * @param deltaVsParent  Δ val_bpb against its parent, negative is better
     * @param versusControl  Δ val_bpb against its generation's control
     * @param withinNoise    whether that Δ is within the noise floor
     * @param summary        the first line of its mutator's reasoning
     * @param errorTail      a failure's message and the end of its output
     * @param diff           the head of its diff, for the top programs
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcome(String variantId, Integer generation, String agentId, String mutatorAgentId, String outcome,
                          Double valBitsPerByte, Double mfu, Double tokensPerSecond, Double deltaVsParent,
                          Double versusControl, Boolean withinNoise, List<String> changeKinds, String summary,
                          String failureClass, String errorTail, String diff) {

        public Outcome {
            changeKinds = changeKinds == null ? List.of() : List.copyOf(changeKinds);
        }
    }
}
