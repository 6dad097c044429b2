package ai.darwin.events.run;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.variant.TrainingBudget;

/**
 * Everything a run needs, as requested.
 *
 * @param name                  a human-readable name
 * @param population            number of agents P
 * @param generations           number of generations G to run
 * @param dataset               the corpus to train on
 * @param budget                the fixed training budget of every variant
 * @param preset                the seed program's preset: {@code cpu} or {@code gpu}
 * @param mutator               {@code optimizer}, {@code random} ({@code offline} in older runs), {@code llm} or
 *                              {@code llm-chunk}
 * @param model                 the LLM model name, when an LLM mutates
 * @param fitness               how variants are ranked
 * @param selection             how survivors and assignments are chosen
 * @param stopAfterStagnantGenerations end the run after this many generations without improvement (0: never)
 * @param costCapUsd            stop LLM calls once the run has cost this much (0: no cap)
 * @param verificationSeeds     the most seed pairs the verification trains (champion and baseline, one seed each
 *                              pair): it looks at 3, 5, … pairs and stops as soon as the answer is clear
 * @param verificationInterval  verify every this many generations as well as at the end (0: only at the end)
 * @param seed                  master seed of the run (assignments, tournaments, offline mutations, training seeds)
 * @param noiseFloorSeeds       how many seeds generation 0 trains its control with to measure the run's noise floor
 *                              (at least 2; absent: {@value #DEFAULT_NOISE_FLOOR_SEEDS})
 * @param runtimeRepairs        how many times, within its generation, an LLM-mutated variant that fails in training
 *                              goes back to its agent for a fix (0: never; absent:
 *                              {@value ai.darwin.events.variant.RuntimeRepair#DEFAULT_REPAIRS})
 * @param minimumEffect         the smallest val_bpb improvement the verification calls one, as a fraction of the
 *                              seed program's val_bpb (0.005: 0.5 %): a significant difference smaller than this is
 *                              real but too small to matter (0: any significant difference; absent:
 *                              {@value #DEFAULT_MINIMUM_EFFECT})
 */
public record RunConfig(
        String name,
        int population,
        int generations,
        DatasetSpec dataset,
        TrainingBudget budget,
        String preset,
        String mutator,
        @Nullable String model,
        FitnessSpec fitness,
        SelectionSpec selection,
        int stopAfterStagnantGenerations,
        double costCapUsd,
        int verificationSeeds,
        int verificationInterval,
        long seed,
        @Nullable Integer noiseFloorSeeds,
        @Nullable Integer runtimeRepairs,
        @Nullable Double minimumEffect) {

    /**
     * The smallest improvement the verification calls one when a run names none: 0.5 % of val_bpb. It is above the
     * paired noise of one seed pair measured on CPU (sd 0.19 %), below the 1.7 % of a real learning-rate gain, and a
     * quarter of the 2 % the search aims for.
     */
    public static final double DEFAULT_MINIMUM_EFFECT = 0.005;

    /** Seeds of generation 0's control when a run names none: the fewest that show a spread, plus one. */
    public static final int DEFAULT_NOISE_FLOOR_SEEDS = 3;

    public RunConfig {
        Require.text(name, "name");
        Require.atLeast(population, 2, "population");
        Require.atLeast(generations, 1, "generations");
        Require.present(dataset, "dataset");
        Require.present(budget, "budget");
        Require.text(preset, "preset");
        Require.text(mutator, "mutator");
        Require.present(fitness, "fitness");
        Require.present(selection, "selection");
        Require.atLeast(stopAfterStagnantGenerations, 0, "stopAfterStagnantGenerations");
        if (costCapUsd < 0) {
            throw new IllegalArgumentException("field 'costCapUsd' must be >= 0");
        }
        Require.atLeast(verificationSeeds, 2, "verificationSeeds");
        Require.atLeast(verificationInterval, 0, "verificationInterval");
        if (noiseFloorSeeds != null) {
            Require.atLeast(noiseFloorSeeds, 2, "noiseFloorSeeds");
        }
        if (runtimeRepairs != null) {
            Require.atLeast(runtimeRepairs, 0, "runtimeRepairs");
        }
        if (minimumEffect != null && !(minimumEffect >= 0 && minimumEffect < 1)) {
            throw new IllegalArgumentException("field 'minimumEffect' must be in [0, 1), a fraction of val_bpb, but was "
                    + minimumEffect);
        }
    }

    /** A run with the default minimum effect. */
    public RunConfig(String name, int population, int generations, DatasetSpec dataset, TrainingBudget budget,
                     String preset, String mutator, String model, FitnessSpec fitness, SelectionSpec selection,
                     int stopAfterStagnantGenerations, double costCapUsd, int verificationSeeds,
                     int verificationInterval, long seed, Integer noiseFloorSeeds, Integer runtimeRepairs) {
        this(name, population, generations, dataset, budget, preset, mutator, model, fitness, selection,
                stopAfterStagnantGenerations, costCapUsd, verificationSeeds, verificationInterval, seed,
                noiseFloorSeeds, runtimeRepairs, null);
    }

    /** A run with the default number of runtime repairs. */
    public RunConfig(String name, int population, int generations, DatasetSpec dataset, TrainingBudget budget,
                     String preset, String mutator, String model, FitnessSpec fitness, SelectionSpec selection,
                     int stopAfterStagnantGenerations, double costCapUsd, int verificationSeeds,
                     int verificationInterval, long seed, Integer noiseFloorSeeds) {
        this(name, population, generations, dataset, budget, preset, mutator, model, fitness, selection,
                stopAfterStagnantGenerations, costCapUsd, verificationSeeds, verificationInterval, seed,
                noiseFloorSeeds, null);
    }

    /** A run with the default number of noise-floor seeds. */
    public RunConfig(String name, int population, int generations, DatasetSpec dataset, TrainingBudget budget,
                     String preset, String mutator, String model, FitnessSpec fitness, SelectionSpec selection,
                     int stopAfterStagnantGenerations, double costCapUsd, int verificationSeeds,
                     int verificationInterval, long seed) {
        this(name, population, generations, dataset, budget, preset, mutator, model, fitness, selection,
                stopAfterStagnantGenerations, costCapUsd, verificationSeeds, verificationInterval, seed, null, null);
    }

    /** @return the smallest val_bpb improvement the verification calls one, as a fraction of the seed's */
    public double minimumEffectOrDefault() {
        return minimumEffect != null ? minimumEffect : DEFAULT_MINIMUM_EFFECT;
    }

    /** @return how many seeds generation 0 trains its control with */
    public int controlSeeds() {
        return noiseFloorSeeds != null ? noiseFloorSeeds : DEFAULT_NOISE_FLOOR_SEEDS;
    }
}
