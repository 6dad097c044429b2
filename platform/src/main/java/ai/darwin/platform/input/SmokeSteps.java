package ai.darwin.platform.input;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.variant.TrainingBudget;
import java.util.List;

/**
 * The smoke step a run gets when it names none ({@code ./darwin run --smoke-steps auto}, or a REST request whose
 * budget has no {@code smokeSteps}): 3 steps for the mutators that write code, whose changes can break the evaluation
 * path (a forward that fails in evaluation mode, logits of the wrong shape, a NaN validation loss) where only the end
 * of the budget would show it; none for optimizer and random, which change knobs only and so reach evaluation through
 * the forward their training steps ran. 3 steps: a model that has taken optimizer updates, not only its initial
 * weights. An event read off the topic without the field still means "off" (the contract's default); only the doors
 * fill it in.
 */
public final class SmokeSteps {

    /** The mutators whose proposals rewrite code. */
    public static final List<String> CODE_MUTATORS = List.of("llm", "llm-chunk", "hybrid");
    /** The smoke step those mutators get. */
    public static final int FOR_CODE_MUTATORS = 3;

    private SmokeSteps() {
    }

    /** @return the smoke steps a run with {@code mutator} gets when it names none */
    public static int auto(String mutator) {
        return CODE_MUTATORS.contains(mutator) ? FOR_CODE_MUTATORS : 0;
    }

    /** @return {@code config} as it is when its budget names a smoke step, else with {@link #auto} filled in */
    public static RunConfig filledIn(RunConfig config) {
        TrainingBudget budget = config.budget();
        if (budget.smokeSteps() != null) {
            return config;
        }
        return new RunConfig(config.name(), config.population(), config.generations(), config.dataset(),
                new TrainingBudget(budget.maxTokens(), budget.maxSeconds(), auto(config.mutator())), config.preset(),
                config.mutator(), config.model(), config.fitness(), config.selection(),
                config.stopAfterStagnantGenerations(), config.costCapUsd(), config.verificationSeeds(),
                config.verificationInterval(), config.seed(), config.noiseFloorSeeds(), config.runtimeRepairs(),
                config.minimumEffect());
    }
}
