package ai.darwin.selection.run;

import ai.darwin.events.run.RunConfig;
import ai.darwin.selection.ga.AssignmentPolicy;
import ai.darwin.selection.ga.Fitness;
import java.util.Random;

/** What the contract's record cannot check alone: names of metrics, modes and policies. */
public final class RunValidation {

    private RunValidation() {
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static void check(RunConfig config) {
        Fitness.of(config.fitness());
        AssignmentPolicy.targets(config.selection().assignmentPolicy(), config.population(), new Random(0));
        if (config.selection().elites() > config.population()) {
            throw new IllegalArgumentException("elites (" + config.selection().elites()
                    + ") cannot exceed the population (" + config.population() + ")");
        }
    }
}
