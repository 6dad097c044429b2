package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.harness.data.ExtraSource;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A {@link HarnessConfig} as the properties file a child JVM reads. Keys: {@code corpus.uri}, {@code corpus.sha256},
 * {@code validationFraction}, {@code budget.maxTokens}, {@code budget.maxSeconds}, {@code seed}, {@code preset},
 * {@code eval.batches}, {@code eval.batchSize}, {@code eval.contextLength}, {@code eval.seed},
 * {@code eval.maxSeconds}, {@code peakFlops}, {@code smokeSteps} (absent: no smoke step), and {@code extra.N.uri}, {@code extra.N.sha256}, {@code extra.N.weight}
 * for each extra corpus N = 0, 1, …;
 * all but {@code corpus.uri} and one budget limit are optional.
 */
public final class ChildConfig {

    private ChildConfig() {
    }

    public static void write(HarnessConfig config, Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("corpus.uri", config.corpus().uri());
        if (config.corpus().sha256() != null) {
            properties.setProperty("corpus.sha256", config.corpus().sha256());
        }
        properties.setProperty("validationFraction", Double.toString(config.validationFraction()));
        properties.setProperty("budget.maxTokens", Long.toString(config.maxTokens()));
        properties.setProperty("budget.maxSeconds", Double.toString(config.maxSeconds()));
        properties.setProperty("seed", Long.toString(config.seed()));
        if (config.preset() != null) {
            properties.setProperty("preset", config.preset());
        }
        HarnessConfig.Evaluation evaluation = config.evaluation();
        if (evaluation != null) {
            properties.setProperty("eval.batches", Integer.toString(evaluation.batches()));
            properties.setProperty("eval.batchSize", Integer.toString(evaluation.batchSize()));
            properties.setProperty("eval.contextLength", Integer.toString(evaluation.contextLength()));
            properties.setProperty("eval.seed", Long.toString(evaluation.seed()));
            properties.setProperty("eval.maxSeconds", Double.toString(evaluation.maxSeconds()));
        }
        properties.setProperty("peakFlops", Double.toString(config.peakFlops()));
        properties.setProperty("smokeSteps", Integer.toString(config.smokeSteps()));
        List<ExtraSource> extras = config.extraCorpora();
        for (int i = 0; i < extras.size(); i++) {
            properties.setProperty("extra." + i + ".uri", extras.get(i).source().uri());
            properties.setProperty("extra." + i + ".sha256", extras.get(i).source().sha256());
            properties.setProperty("extra." + i + ".weight", Integer.toString(extras.get(i).weight()));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Darwin training harness run");
        }
    }

    /** @throws IllegalArgumentException when a value is missing or malformed */
    public static HarnessConfig read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String uri = properties.getProperty("corpus.uri");
        if (uri == null) {
            throw new IllegalArgumentException(file + " has no corpus.uri");
        }
        HarnessConfig.Evaluation evaluation = properties.getProperty("eval.batches") == null ? null
                : new HarnessConfig.Evaluation(integer(properties, "eval.batches"),
                        integer(properties, "eval.batchSize"), integer(properties, "eval.contextLength"),
                        Long.parseLong(properties.getProperty("eval.seed",
                                Long.toString(HarnessConfig.Evaluation.DEFAULT_SEED))),
                        Double.parseDouble(properties.getProperty("eval.maxSeconds",
                                Double.toString(HarnessConfig.Evaluation.DEFAULT_MAX_SECONDS))));
        return new HarnessConfig(new CorpusSource(uri, properties.getProperty("corpus.sha256")),
                Double.parseDouble(properties.getProperty("validationFraction",
                        Double.toString(HarnessConfig.DEFAULT_VALIDATION_FRACTION))),
                Long.parseLong(properties.getProperty("budget.maxTokens", "0")),
                Double.parseDouble(properties.getProperty("budget.maxSeconds", "0")),
                Long.parseLong(properties.getProperty("seed", Long.toString(HarnessConfig.DEFAULT_SEED))),
                properties.getProperty("preset"), evaluation,
                Double.parseDouble(properties.getProperty("peakFlops", "0")), extras(properties),
                Integer.parseInt(properties.getProperty("smokeSteps", "0").trim()));
    }

    private static List<ExtraSource> extras(Properties properties) {
        List<ExtraSource> extras = new ArrayList<>();
        for (int i = 0; properties.getProperty("extra." + i + ".uri") != null; i++) {
            extras.add(new ExtraSource(new CorpusSource(properties.getProperty("extra." + i + ".uri"),
                    properties.getProperty("extra." + i + ".sha256")), integer(properties, "extra." + i + ".weight")));
        }
        return extras;
    }

    private static int integer(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return Integer.parseInt(value.trim());
    }
}
