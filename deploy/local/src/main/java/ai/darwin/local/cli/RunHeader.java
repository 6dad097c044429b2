package ai.darwin.local.cli;

import ai.darwin.events.run.RunConfig;
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
        int variants = variants(config);
        long minutes = Math.round((variants * (config.budget().maxSeconds() + OVERHEAD_SECONDS) + 90) / 60.0);
        lines.add(String.format("About %d variants to train%s: roughly %d minutes on one CPU training worker.",
                variants, resumedRunId == null ? "" : " in all", minutes));
        return lines;
    }

    /** The baseline, P per generation, and 2k re-trainings to verify. */
    static int variants(RunConfig config) {
        return 1 + config.population() * config.generations() + 2 * config.verificationSeeds();
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
