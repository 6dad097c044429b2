package ai.darwin.local.cli;

import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings of a local run, from {@code run-defaults.properties}: the commented file that says what
 * {@code ./darwin run} submits. {@link RunOptions} starts from the settings that have an option; the rest go into
 * the run's configuration as they are.
 */
final class RunDefaults {

    static final String RESOURCE = "/run-defaults.properties";
    /** Where a user finds the file, for messages. */
    static final String SOURCE = "deploy/local/src/main/resources" + RESOURCE;

    private final Properties values;

    RunDefaults(Properties values) {
        this.values = values;
    }

    static RunDefaults load() {
        Properties values = new Properties();
        try (InputStream in = RunDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunDefaults(values);
    }

    /** @return the setting, blank as empty; a key the file lacks is a broken installation */
    String get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(SOURCE + " has no setting '" + key + "'");
        }
        return value.strip();
    }

    /** The run an options' values ask for, on the corpus at {@code dataset}. */
    RunConfig config(RunOptions options, String dataset) {
        return new RunConfig(options.name(), options.population(), options.generations(),
                new DatasetSpec(dataset, options.sha256(), get("tokenizer"), number("validation-fraction")),
                new TrainingBudget(options.maxTokens(), options.maxSeconds(),
                        options.smokeSteps() == 0 ? null : options.smokeSteps()), get("preset"), options.mutator(),
                options.model(), new FitnessSpec(get("fitness.mode"), list("fitness.order"), weights()),
                new SelectionSpec(whole("selection.elites"), whole("selection.tournament-size"),
                        get("selection.assignment-policy"), get("selection.parent-sampling")),
                whole("stop-after-stagnant-generations"), options.costCapUsd(), options.seeds(),
                whole("verification-interval"), options.seed(), whole("noise-floor-seeds"), options.runtimeRepairs(),
                options.minEffectPercent() / 100);
    }

    private List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Map<String, Double> weights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String pair : list("fitness.weights")) {
            String[] parts = pair.split(":");
            if (parts.length != 2) {
                throw new IllegalStateException(SOURCE + ": fitness.weights wants metric:weight pairs, not '"
                        + pair + "'");
            }
            weights.put(parts[0].strip(), parse(parts[1], "fitness.weights"));
        }
        return weights;
    }

    private int whole(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(SOURCE + ": " + key + " must be a whole number, not '" + get(key) + "'");
        }
    }

    private double number(String key) {
        return parse(get(key), key);
    }

    private static double parse(String value, String key) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(SOURCE + ": " + key + " must be a number, not '" + value + "'");
        }
    }
}
