package ai.darwin.local.cli;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.variant.RuntimeRepair;
import ai.darwin.events.variant.TrainingBudget;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./darwin run} says before it starts anything: the run it is about to follow, from the configuration
 * that run was requested with, and how long that should take. A resumed run is announced as it was requested, not
 * as the defaults or today's options would have it.
 */
final class RunHeader {

    /** Per variant beyond its training budget: compile, child JVM, engine start, evaluation. */
    static final int OVERHEAD_SECONDS = 12;
    /**
     * The seed program's CPU preset during a default {@code ./darwin run} on this 2-core machine: 6,447-8,630 tokens/s
     * across seeds (issue 11), the services and broker running beside it. Alone on the idle machine it trains twice as
     * fast (bench/SandboxBench with the seed's preset, 25 s, three rounds: 14,488, 15,135 and 16,474 tokens/s), and
     * with other builds on the same cores it fell to 1,000-5,300: the estimate uses the run's own figure.
     */
    static final double TOKENS_PER_SECOND_IN_A_RUN = 7_500;

    private RunHeader() {
    }

    /**
     * @param config        the run's configuration: the one it was requested with when resumed
     * @param resumedRunId  the run resumed, or null for a new one
     * @param optionsGiven  options named on the command line, which a resumed run does not take
     */
    static List<String> lines(RunConfig config, String resumedRunId, List<String> optionsGiven) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%s: population %d, %d generations, %s per variant, mutator %s%s, dataset %s",
                resumedRunId == null ? "Darwin" : "Resuming run " + resumedRunId, config.population(),
                config.generations(), budget(config.budget()), config.mutator(),
                config.model() == null ? "" : " (" + config.model() + ")", config.dataset().uri()));
        if (resumedRunId != null && !optionsGiven.isEmpty()) {
            lines.add("  " + String.join(", ", optionsGiven) + (optionsGiven.size() == 1 ? " applies" : " apply")
                    + " to a new run only: ./darwin run --new ...");
        }
        lines.add("Optimising: " + config.fitness().describe());
        int variants = variants(config);
        long minutes = Math.round((variants * (trainingSeconds(config.budget()) + OVERHEAD_SECONDS) + 90) / 60.0);
        lines.add(String.format("At most %d variants to train%s (each generation's control and the verification's "
                        + "pairs included): roughly %d minutes on one CPU training worker.", variants,
                resumedRunId == null ? "" : " in all", minutes));
        if (config.budget().smokeStepsOrNone() > 0) {
            lines.add(smoke(config.budget()));
        }
        lines.add(repairs(config));
        return lines;
    }

    /** The smoke step, when the run has one: what it costs each variant and what it saves. */
    static String smoke(TrainingBudget budget) {
        return String.format(Locale.ROOT, "Smoke step: each variant trains %d steps and is checked as the evaluation "
                + "will check it before its budget, so one that breaks only in evaluation fails in seconds "
                + "(--smoke-steps 0: off)", budget.smokeStepsOrNone());
    }

    /** What happens to a variant that fails in training: repaired by its LLM agent, or only counted. */
    static String repairs(RunConfig config) {
        int repairs = RuntimeRepair.allowed(config);
        if (!RuntimeRepair.REPAIRING_MUTATORS.contains(config.mutator()) && !config.mutator().equals("hybrid")) {
            return "Runtime repairs: none (the " + config.mutator() + " mutator does not read failures)";
        }
        return repairs == 0 ? "Runtime repairs: none (--runtime-repairs 0): a variant that fails in training is "
                + "counted as failed" : String.format("Runtime repairs: up to %d per variant that fails in training, "
                + "by its LLM agent within the same generation%s", repairs,
                config.mutator().equals("hybrid") ? " (for the LLM's own changes)" : "");
    }

    /**
     * The most variants a run trains: P mutations and the seed program as control per generation, more seeds of it in
     * generation 0 for the noise floor, and up to 2 × verificationSeeds re-trainings to verify.
     */
    static int variants(RunConfig config) {
        return (config.population() + 1) * config.generations() + config.controlSeeds() - 1
                + 2 * config.verificationSeeds();
    }

    /** Seconds of training per variant: its time limit, or its tokens at the seed program's speed in a run. */
    static double trainingSeconds(TrainingBudget budget) {
        double byTokens = budget.maxTokens() > 0 ? budget.maxTokens() / TOKENS_PER_SECOND_IN_A_RUN : Double.MAX_VALUE;
        return Math.min(byTokens, budget.maxSeconds() > 0 ? budget.maxSeconds() : Double.MAX_VALUE);
    }

    static String budget(TrainingBudget budget) {
        List<String> limits = new ArrayList<>();
        if (budget.maxSeconds() > 0) {
            limits.add(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT))
                    .format(budget.maxSeconds()) + " s");
        }
        if (budget.maxTokens() > 0) {
            limits.add(String.format(Locale.ROOT, "%,d tokens", budget.maxTokens()));
        }
        return String.join(" / ", limits);
    }
}
