package ai.darwin.memory.query;

import java.util.List;

/**
 * A variant as a mutation prompt shows it: what changed, what it measured, and what became of it.
 *
 * @param variantId      the variant
 * @param generation     its generation
 * @param agentId        the agent that owns it
 * @param mutatorAgentId the agent that rewrote it
 * @param outcome        KEPT (a survivor of its generation), DISCARDED (trained, not kept), TRAINED (its generation
 *                       is still open), HELD (a sanity gate held its result), FAILED, or PENDING
 * @param valBitsPerByte validation bits per byte, when trained
 * @param mfu            MFU, when trained
 * @param tokensPerSecond throughput, when trained
 * @param deltaVsParent  Δ val_bpb against its parent (negative is better), when both trained
 * @param versusControl  Δ val_bpb against its generation's control, when its generation closed with one
 * @param withinNoise    whether that Δ is within the run's noise floor
 * @param changeKinds    the kinds of change its diff made
 * @param summary        the first line of its mutator's reasoning, cut
 * @param failureClass   why it failed, when it failed
 * @param errorTail      the failure's message and the last lines of its output, cut, when it failed
 * @param diff           the head of its diff against its parent, for inspirations only
 */
public record OutcomeView(String variantId, Integer generation, String agentId, String mutatorAgentId, String outcome,
                          Double valBitsPerByte, Double mfu, Double tokensPerSecond, Double deltaVsParent,
                          Double versusControl, Boolean withinNoise, List<String> changeKinds, String summary,
                          String failureClass, String errorTail, String diff) {
}
