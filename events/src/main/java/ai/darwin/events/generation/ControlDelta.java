package ai.darwin.events.generation;

import ai.darwin.events.Nullable;

/**
 * A variant against its generation's control (the unmodified seed program, trained in the same generation with the
 * same training seed): each metric's difference, the variant's value minus the control's.
 *
 * @param valBitsPerByte  Δ val_bpb; negative is better
 * @param mfu             Δ MFU; absent when the variant and the control trained on different kinds of device
 * @param tokensPerSecond Δ tokens/s; absent when the variant and the control trained on different kinds of device
 * @param withinNoise     whether |Δ val_bpb| is within the run's val_bpb noise floor (a tie with the control);
 *                        absent while the run has no noise floor
 */
public record ControlDelta(double valBitsPerByte, @Nullable Double mfu, @Nullable Double tokensPerSecond,
                           @Nullable Boolean withinNoise) {
}
