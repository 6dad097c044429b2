package ai.darwin.training.harness;

/**
 * The sanity gates a completed run is held to. The names match {@code ai.darwin.events.training.IntegrityGate} one
 * for one (the harness does not depend on the events module).
 */
public enum IntegrityGate {
    /** val_bpb below {@link ai.darwin.training.harness.metrics.CompressionFloor}: no honest model gets there. */
    VAL_BPB_BELOW_FLOOR,
    /** A model that trained on no tokens at all. */
    NO_TOKENS_TRAINED,
    /** An MFU above 100 %: the throughput implies more FLOP/s than the device's peak, a failed measurement. */
    MFU_ABOVE_PEAK
}
