package ai.darwin.training.harness;

/** The seed program shrunk by editing its constants, as a mutator would: trains one step in well under a second. */
public final class TinySeed {

    public static final int LAYERS = 2;
    public static final int HEADS = 2;
    public static final int WIDTH = 16;
    public static final int CONTEXT = 8;
    public static final int BATCH = 2;

    private TinySeed() {
    }

    public static String source(boolean bias) {
        return SeedProgram.source()
                .replace("CPU_N_LAYER = 4;", "CPU_N_LAYER = " + LAYERS + ";")
                .replace("CPU_N_HEAD = 4;", "CPU_N_HEAD = " + HEADS + ";")
                .replace("CPU_N_EMBD = 128;", "CPU_N_EMBD = " + WIDTH + ";")
                .replace("CPU_BLOCK_SIZE = 64;", "CPU_BLOCK_SIZE = " + CONTEXT + ";")
                .replace("CPU_BATCH_SIZE = 12;", "CPU_BATCH_SIZE = " + BATCH + ";")
                .replace("BIAS = false;", "BIAS = " + bias + ";");
    }

    /** One training step on the CPU preset, with a small evaluation. */
    public static HarnessConfig oneStep() {
        return HarnessConfig.of(TestCorpora.shakespeare(), (long) BATCH * CONTEXT, 0)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(1, 2, 16, 1));
    }
}
