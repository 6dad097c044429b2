package ai.darwin.training.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sanity gate a completed run tripped: its metrics are reported, but it must never be crowned.
 *
 * @param gate   which gate
 * @param detail the measurement against the limit
 */
public record IntegrityFlag(IntegrityGate gate, String detail) {

    public IntegrityFlag {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Holds a run's metrics to every gate.
     *
     * @param metrics  what the harness measured
     * @param valFloor the lowest val_bpb the harness believes for this corpus
     * @return the gates it tripped, none for a believable result
     */
    public static List<IntegrityFlag> check(Metrics metrics, double valFloor) {
        return check(metrics.valBitsPerByte(), metrics.tokensTrained(), metrics.tokensPerSecond(),
                metrics.flopsPerToken(), metrics.peakFlops(), valFloor);
    }

    /**
     * The same gates from the measurements alone, for a worker that re-checks what its child reported.
     *
     * @param peakFlops the peak MFU divides by; 0 when unknown (the MFU gate then cannot trip)
     */
    public static List<IntegrityFlag> check(double valBitsPerByte, long tokensTrained, double tokensPerSecond,
                                            double flopsPerToken, double peakFlops, double valFloor) {
        List<IntegrityFlag> flags = new ArrayList<>();
        if (valBitsPerByte < valFloor) {
            flags.add(new IntegrityFlag(IntegrityGate.VAL_BPB_BELOW_FLOOR, String.format(java.util.Locale.ROOT,
                    "val_bpb %.4f is below the floor %.4f (a quarter of DEFLATE's bits per byte on the validation "
                            + "text): no model trained only on the training split gets there", valBitsPerByte,
                    valFloor)));
        }
        if (tokensTrained == 0) {
            flags.add(new IntegrityFlag(IntegrityGate.NO_TOKENS_TRAINED, "the model trained on no tokens"));
        }
        double achieved = flopsPerToken * tokensPerSecond;
        if (peakFlops > 0 && achieved > peakFlops) {
            flags.add(new IntegrityFlag(IntegrityGate.MFU_ABOVE_PEAK, String.format(java.util.Locale.ROOT,
                    "MFU %.1f %%: %.0f tokens/s at %.3g FLOP per token needs %.3g FLOP/s, above the peak of %.3g; "
                            + "a failed measurement", 100 * achieved / peakFlops, tokensPerSecond, flopsPerToken,
                    achieved, peakFlops)));
        }
        return List.copyOf(flags);
    }
}
