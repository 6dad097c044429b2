package ai.darwin.mutation.program;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.training.harness.SeedProgram;
import java.util.List;

/**
 * The seed program split in two: its learning-rate schedule moved to {@code schedule/Schedules.java}, which the entry
 * file calls. The same training, as a program of two files.
 */
public final class SplitSeed {

    public static final String PATH = "schedule/Schedules.java";
    /** The seed's schedule body, which the split replaces with a call. */
    public static final String SCHEDULE_BODY = String.join("\n",
            "        if (step < WARMUP_STEPS) {",
            "            return maxLearningRate * (step + 1) / (WARMUP_STEPS + 1);",
            "        }",
            "        float minLearningRate = maxLearningRate * MIN_LR_RATIO;",
            "        double coefficient = 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, budgetFraction)));",
            "        return (float) (minLearningRate + coefficient * (maxLearningRate - minLearningRate));");
    public static final String CALL =
            "        return schedule.Schedules.learningRate(step, budgetFraction, maxLearningRate, WARMUP_STEPS, "
                    + "MIN_LR_RATIO);";
    public static final String SCHEDULES = """
            package schedule;

            /** The learning-rate schedule, in a file of its own. */
            public final class Schedules {

                private Schedules() {
                }

                /** Linear warmup, then cosine decay to minRatio x lr over the rest of the budget. */
                public static float learningRate(long step, double budgetFraction, float maxLearningRate,
                                                 int warmupSteps, float minRatio) {
                    if (step < warmupSteps) {
                        return maxLearningRate * (step + 1) / (warmupSteps + 1);
                    }
                    float minLearningRate = maxLearningRate * minRatio;
                    double coefficient = 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, budgetFraction)));
                    return (float) (minLearningRate + coefficient * (maxLearningRate - minLearningRate));
                }
            }
            """;

    private SplitSeed() {
    }

    /** The entry file of the split program. */
    public static String entry() {
        String seed = SeedProgram.source();
        if (!seed.contains(SCHEDULE_BODY)) {
            throw new IllegalStateException("the seed's schedule changed: update SplitSeed");
        }
        return seed.replace(SCHEDULE_BODY, CALL);
    }

    public static Program program() {
        return new Program(entry(), List.of(new ProgramFile(PATH, SCHEDULES)));
    }
}
