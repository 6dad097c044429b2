package ai.darwin.mutation.state;

import ai.darwin.events.Nullable;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.variant.RuntimeRepair;

/**
 * What mutation needs of a run's configuration.
 *
 * @param preset     {@code cpu} or {@code gpu}: which constants of the seed program the offline mutator changes
 * @param mutator    {@code optimizer}, {@code random} (or {@code offline}), {@code llm} or {@code llm-chunk}
 * @param model      the LLM model, if the run names one
 * @param costCapUsd LLM spending after which the run's proposals fall back to the offline mutator (0: none)
 * @param fitness    what the run optimises, which the prompts state
 * @param runtimeRepairs how many times an assignment's variant that failed in training is repaired
 */
public record RunSettings(@Nullable String preset, String mutator, @Nullable String model, double costCapUsd,
                          FitnessSpec fitness, int runtimeRepairs) {

    /** Settings with the default number of runtime repairs. */
    public RunSettings(String preset, String mutator, String model, double costCapUsd, FitnessSpec fitness) {
        this(preset, mutator, model, costCapUsd, fitness, RuntimeRepair.DEFAULT_REPAIRS);
    }

    public static RunSettings of(RunConfig config) {
        return new RunSettings(config.preset(), config.mutator(), config.model(), config.costCapUsd(),
                config.fitness(), RuntimeRepair.allowed(config));
    }
}
