package ai.darwin.platform.input;

import ai.darwin.events.Envelope;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.SelectionSpec;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a run request must pass beyond its record's own checks before anything trains: the names of its fitness mode,
 * metrics and assignment policy, a population large enough for its elites, and a dataset (and every extra corpus)
 * from an allowed source. One rule for every door: selection-service's {@code POST /runs}, hitl-service's
 * {@code POST /api/runs}, and selection-service again when it consumes a RunRequested, whoever published it, so that
 * a request written straight to the topic cannot name a dataset the doors would refuse.
 */
public final class RunRequestCheck {

    /** How variants may be ranked (selection-service's {@code ga.Fitness}). */
    public static final List<String> FITNESS_MODES = List.of("lexicographic", "pareto", "weighted");
    /** The harness metrics a fitness may name (selection-service's {@code ga.Metric}). */
    public static final List<String> METRICS = List.of("val_bpb", "val_loss", "perplexity", "mfu",
            "tokens_per_second", "peak_memory_bytes");
    /** Who may rewrite whose program (selection-service's {@code ga.AssignmentPolicy}). */
    public static final List<String> ASSIGNMENT_POLICIES = List.of("others", "self", "random");

    private final DatasetSources datasets;

    public RunRequestCheck(DatasetSources datasets) {
        this.datasets = datasets;
    }

    /**
     * The request of a new run, under a fresh run id, once {@code config} passes; a budget that names no smoke step
     * gets the one its mutator's runs get by default ({@link SmokeSteps#auto}).
     *
     * @param requestedBy the caller's name, from its token
     * @throws IllegalArgumentException saying what is wrong with {@code config}
     */
    public RunRequested request(RunConfig config, String requestedBy) {
        if (config == null) {
            throw new IllegalArgumentException("a run configuration is required as the JSON body");
        }
        check(config);
        return new RunRequested(Envelope.of("run-" + UUID.randomUUID().toString().substring(0, 8)),
                SmokeSteps.filledIn(config), requestedBy);
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code config} */
    public void check(RunConfig config) {
        refusal(config).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    /** @return why {@code config} is refused, or empty when it may run */
    public Optional<String> refusal(RunConfig config) {
        return fitness(config.fitness()).or(() -> selection(config.selection(), config.population()))
                .or(() -> dataset(config.dataset().uri()))
                .or(() -> config.dataset().extraCorpora().stream().map(extra -> dataset(extra.uri()))
                        .flatMap(Optional::stream).findFirst());
    }

    private static Optional<String> fitness(FitnessSpec fitness) {
        if (!FITNESS_MODES.contains(fitness.mode())) {
            return Optional.of("fitness mode must be lexicographic, pareto or weighted, not '" + fitness.mode() + "'");
        }
        if (fitness.mode().equals("weighted") && fitness.weights().isEmpty()) {
            return Optional.of("weighted fitness needs weights");
        }
        return fitness.objectives().stream().filter(metric -> !METRICS.contains(metric)).findFirst()
                .map(metric -> "unknown fitness metric '" + metric + "'; known: " + METRICS);
    }

    private static Optional<String> selection(SelectionSpec selection, int population) {
        if (!ASSIGNMENT_POLICIES.contains(selection.assignmentPolicy())) {
            return Optional.of("assignment policy must be others, self or random, not '"
                    + selection.assignmentPolicy() + "'");
        }
        if (selection.elites() > population) {
            return Optional.of("elites (" + selection.elites() + ") cannot exceed the population (" + population + ")");
        }
        return Optional.empty();
    }

    private Optional<String> dataset(String uri) {
        try {
            datasets.check(uri);
            return Optional.empty();
        } catch (IllegalArgumentException refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
