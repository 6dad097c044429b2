package ai.darwin.training.harness;

import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.harness.data.ExtraSource;

import java.util.List;
import java.util.Objects;

/**
 * What one run trains on and how it is measured.
 *
 * @param corpus             the text to train on
 * @param validationFraction the tail fraction of the corpus held out for validation
 * @param maxTokens          training-token budget; 0 for none
 * @param maxSeconds         training wall-clock budget; 0 for none
 * @param seed               the program's seed: engine random generator and training batch order
 * @param preset             {@code cpu} or {@code gpu}; null picks by the device
 * @param evaluation         the held-out batches; null picks the preset's default
 * @param peakFlops          peak FLOP/s for MFU; 0 looks it up (GPU table) or measures it (CPU)
 * @param extraCorpora       approved corpora trained on besides {@code corpus}, never validated on
 * @param smokeSteps         the smoke step: before the run, train this many steps (batches drawn) and put the model
 *                           through the evaluation's checks on one held-out batch, so that a program that would fail
 *                           only in evaluation fails after seconds; 0 for no smoke step
 */
public record HarnessConfig(CorpusSource corpus, double validationFraction, long maxTokens, double maxSeconds,
                            long seed, String preset, Evaluation evaluation, double peakFlops,
                            List<ExtraSource> extraCorpora, int smokeSteps) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final long DEFAULT_SEED = 1337;

    public HarnessConfig {
        Objects.requireNonNull(corpus, "corpus");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1) but was " + validationFraction);
        }
        if (maxTokens < 0 || maxSeconds < 0 || (maxTokens == 0 && maxSeconds == 0)) {
            throw new IllegalArgumentException("a budget needs maxTokens > 0 or maxSeconds > 0 (neither negative)");
        }
        if (preset != null && !preset.equals("cpu") && !preset.equals("gpu")) {
            throw new IllegalArgumentException("preset must be cpu, gpu or null but was " + preset);
        }
        if (peakFlops < 0) {
            throw new IllegalArgumentException("peakFlops must be >= 0");
        }
        extraCorpora = extraCorpora == null ? List.of() : List.copyOf(extraCorpora);
        if (smokeSteps < 0) {
            throw new IllegalArgumentException("smokeSteps must be >= 0 but was " + smokeSteps);
        }
    }

    /** A config without a smoke step. */
    public HarnessConfig(CorpusSource corpus, double validationFraction, long maxTokens, double maxSeconds,
                         long seed, String preset, Evaluation evaluation, double peakFlops,
                         List<ExtraSource> extraCorpora) {
        this(corpus, validationFraction, maxTokens, maxSeconds, seed, preset, evaluation, peakFlops, extraCorpora, 0);
    }

    /** A config that trains on {@code corpus} alone. */
    public HarnessConfig(CorpusSource corpus, double validationFraction, long maxTokens, double maxSeconds,
                         long seed, String preset, Evaluation evaluation, double peakFlops) {
        this(corpus, validationFraction, maxTokens, maxSeconds, seed, preset, evaluation, peakFlops, List.of());
    }

    /** A config with the default split, seed, preset and evaluation. */
    public static HarnessConfig of(CorpusSource corpus, long maxTokens, double maxSeconds) {
        return new HarnessConfig(corpus, DEFAULT_VALIDATION_FRACTION, maxTokens, maxSeconds, DEFAULT_SEED, null, null,
                0);
    }

    public HarnessConfig withSeed(long newSeed) {
        return new HarnessConfig(corpus, validationFraction, maxTokens, maxSeconds, newSeed, preset, evaluation,
                peakFlops, extraCorpora, smokeSteps);
    }

    public HarnessConfig withPreset(String newPreset) {
        return new HarnessConfig(corpus, validationFraction, maxTokens, maxSeconds, seed, newPreset, evaluation,
                peakFlops, extraCorpora, smokeSteps);
    }

    public HarnessConfig withEvaluation(Evaluation newEvaluation) {
        return new HarnessConfig(corpus, validationFraction, maxTokens, maxSeconds, seed, preset, newEvaluation,
                peakFlops, extraCorpora, smokeSteps);
    }

    public HarnessConfig withSmokeSteps(int steps) {
        return new HarnessConfig(corpus, validationFraction, maxTokens, maxSeconds, seed, preset, evaluation,
                peakFlops, extraCorpora, steps);
    }

    public HarnessConfig withPeakFlops(double newPeakFlops) {
        return new HarnessConfig(corpus, validationFraction, maxTokens, maxSeconds, seed, preset, evaluation,
                newPeakFlops, extraCorpora, smokeSteps);
    }

    /**
     * The fixed held-out batches: windows of the validation split drawn with their own seed, never the program's,
     * so that every variant of a run is scored on the same tokens.
     *
     * @param batches       how many batches
     * @param batchSize     windows per batch
     * @param contextLength predicted tokens per window; a model with a shorter context sees the window in chunks
     * @param seed          where the windows start
     * @param maxSeconds    the evaluation's own time limit: scoring, the causality checks and the parameter count
     */
    public record Evaluation(int batches, int batchSize, int contextLength, long seed, double maxSeconds) {

        public static final long DEFAULT_SEED = 20240611;
        /** Far above what the presets' evaluations take (a few seconds on two CPU cores), far below a hang. */
        public static final double DEFAULT_MAX_SECONDS = 120;

        public Evaluation {
            if (batches < 1 || batchSize < 1 || contextLength < 1) {
                throw new IllegalArgumentException("evaluation batches, batchSize and contextLength must be >= 1");
            }
            if (!(maxSeconds > 0)) {
                throw new IllegalArgumentException("evaluation maxSeconds must be > 0");
            }
        }

        /** An evaluation with the default time limit. */
        public Evaluation(int batches, int batchSize, int contextLength, long seed) {
            this(batches, batchSize, contextLength, seed, DEFAULT_MAX_SECONDS);
        }

        /** 8 × 16 windows of 128 tokens: a few seconds on two CPU cores. */
        public static Evaluation cpu() {
            return new Evaluation(8, 16, 128, DEFAULT_SEED);
        }

        /** 40 × 64 windows of 256 tokens (nanoGPT shakespeare_char's block size). */
        public static Evaluation gpu() {
            return new Evaluation(40, 64, 256, DEFAULT_SEED);
        }
    }
}
