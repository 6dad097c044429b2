package ai.darwin.events.training;

/**
 * A sanity gate: a check of a completed result against what the data and the machine allow. A result that trips one
 * is published with its {@link IntegrityFlag} and is never crowned (never champion, never verified as an
 * improvement), whatever its score.
 */
public enum IntegrityGate {
    /**
     * val_bpb below the floor the harness justifies for the validation text: half the bits per byte that DEFLATE
     * needs for it, primed with the training text. No honest model trained on the training split beats a general
     * compressor by that much; a program that read the answers does.
     */
    VAL_BPB_BELOW_FLOOR,
    /** The program trained on no tokens at all, yet returned a model. */
    NO_TOKENS_TRAINED,
    /** The measured throughput implies more FLOP/s than the device's peak (MFU above 100 %): a failed measurement. */
    MFU_ABOVE_PEAK
}
