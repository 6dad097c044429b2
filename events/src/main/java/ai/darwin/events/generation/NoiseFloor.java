package ai.darwin.events.generation;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;

/**
 * How far the same program's metrics move from one training seed to another, measured once per run: generation 0
 * trains its control, the unmodified seed program, with several seeds, and each floor is twice the sample standard
 * deviation of that metric across them. Twice, because a floor should hold most of one measurement's noise (about
 * 95 % of it for a normal spread) rather than the typical wobble; a difference within a floor is a tie. The floor
 * only ranks programs within a run; whether the champion is better than the seed is the verification's to say.
 *
 * @param seeds           how many of the control's seeds completed and went into the floors (at least 2)
 * @param valBitsPerByte  the val_bpb floor
 * @param mfu             the MFU floor; absent when the control's seeds trained on different kinds of device
 * @param tokensPerSecond the tokens/s floor; absent when the control's seeds trained on different kinds of device
 * @param device          the kind of device the throughput floors were measured on ({@code metrics.device}); they
 *                        apply only to throughput measured there
 */
public record NoiseFloor(int seeds, double valBitsPerByte, @Nullable Double mfu, @Nullable Double tokensPerSecond,
                         @Nullable String device) {

    public NoiseFloor {
        Require.atLeast(seeds, 2, "seeds");
        if (valBitsPerByte < 0 || mfu != null && mfu < 0 || tokensPerSecond != null && tokensPerSecond < 0) {
            throw new IllegalArgumentException("noise floors must be >= 0");
        }
    }
}
