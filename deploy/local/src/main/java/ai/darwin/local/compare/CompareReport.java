package ai.darwin.local.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import ai.darwin.statistics.MeanInterval;
import ai.darwin.statistics.PairedComparison;
import ai.darwin.training.sandbox.SandboxOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code ./darwin compare} prints: a line per run as it ends, then the table and the verdict, or JSON. */
final class CompareReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareReport() {
    }

    static String header(CompareOptions options, String dataset) {
        String budget = options.maxTokens() > 0 ? String.format(Locale.ROOT, "%,d tokens", options.maxTokens())
                : options.maxSeconds() + " s";
        return String.format(Locale.ROOT, "A %s%nB %s%nEach run: %s of training on %s. Seeds %d.. (at most %d "
                        + "pairs, A then B with each seed); B is better only at p < %s over the whole test, and by at least %s %% of "
                        + "A's val_bpb.", options.programA(), options.programB(), budget, dataset, options.seed(),
                options.maxSeeds(), options.alpha(), new BigDecimal(100 * options.minEffect())
                        .round(new MathContext(3)).stripTrailingZeros().toPlainString());
    }

    static String run(Comparison.Run run) {
        if (run.outcome() instanceof SandboxOutcome.Completed completed) {
            var m = completed.metrics();
            return String.format(Locale.ROOT, "  %s seed %d: val_bpb %.4f, perplexity %.3f, %,.0f tokens/s, MFU %.1f %%, "
                            + "%.1f s%s", run.side(), run.seed(), m.valBitsPerByte(), m.perplexity(),
                    m.tokensPerSecond(), 100 * m.mfu(), m.totalSeconds(),
                    completed.integrityFlags().isEmpty() ? "" : " flagged "
                            + completed.integrityFlags().stream().map(f -> f.gate().name()).toList());
        }
        if (run.outcome() instanceof SandboxOutcome.Failed failed) {
            return String.format(Locale.ROOT, "  %s seed %d: FAILED %s: %s", run.side(), run.seed(),
                    failed.failureClass(), failed.message().lines().findFirst().orElse(""));
        }
        return "  " + run.side() + " seed " + run.seed() + ": cancelled";
    }

    static String text(Comparison.Result result) {
        StringBuilder text = new StringBuilder();
        if (!result.comparisons().isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nOver %d pairs (mean ± 95 %% interval; difference B - A, paired "
                    + "by seed):%n", result.pairs()));
            text.append(String.format(Locale.ROOT, "  %-18s %-22s %-22s %-34s %s%n", "metric", "A", "B", "B - A",
                    "p"));
            for (int i = 0; i < result.comparisons().size(); i++) {
                PairedComparison c = result.comparisons().get(i);
                MeanInterval[] sides = result.sides().get(i);
                text.append(String.format(Locale.ROOT, "  %-18s %-22s %-22s %-34s %s%n", c.metric(),
                        interval(sides[0]), interval(sides[1]), difference(c), p(c.pValue())));
            }
        }
        text.append(String.format(Locale.ROOT, "%nVerdict: %s (%s)%n", switch (result.verdict()) {
            case BETTER -> "B is better than A";
            case NOT_BETTER -> "B is not better than A";
            case ERROR -> "no answer, the comparison itself failed";
        }, result.reason()));
        return text.toString();
    }

    static String json(CompareOptions options, String dataset, Comparison.Result result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", options.programA().toString());
        root.put("b", options.programB().toString());
        root.put("dataset", dataset);
        root.put("budgetTokens", options.maxTokens());
        root.put("budgetSeconds", options.maxSeconds());
        root.put("alpha", options.alpha());
        root.put("minimumEffect", options.minEffect());
        root.put("looks", result.test().looks());
        root.put("verdict", result.verdict().name());
        root.put("reason", result.reason());
        root.put("pairs", result.pairs());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (int i = 0; i < result.comparisons().size(); i++) {
            PairedComparison c = result.comparisons().get(i);
            MeanInterval[] sides = result.sides().get(i);
            Map<String, Object> metric = new LinkedHashMap<>();
            metric.put("metric", c.metric());
            metric.put("a", side(sides[0]));
            metric.put("b", side(sides[1]));
            metric.put("difference", c.meanDifference());
            metric.put("relativeDifference", finite(c.relativeDifference()));
            metric.put("differenceCi95", List.of(finite(c.ciLow()), finite(c.ciHigh())));
            metric.put("p", c.pValue());
            metrics.add(metric);
        }
        root.put("metrics", metrics);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Comparison.Run run : result.runs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("program", run.side());
            entry.put("seed", run.seed());
            if (run.outcome() instanceof SandboxOutcome.Completed completed) {
                entry.put("metrics", completed.metrics());
                entry.put("integrityFlags", completed.integrityFlags());
            } else if (run.outcome() instanceof SandboxOutcome.Failed failed) {
                entry.put("failureClass", failed.failureClass().name());
                entry.put("message", failed.message());
            }
            runs.add(entry);
        }
        root.put("runs", runs);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the comparison could not be written as JSON", e);
        }
    }

    private static Map<String, Object> side(MeanInterval interval) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("mean", interval.mean());
        side.put("ci95", List.of(interval.low(), interval.high()));
        return side;
    }

    /** JSON has no infinity: an interval of one pair is unbounded, written as null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String interval(MeanInterval interval) {
        return String.format(Locale.ROOT, "%s ± %s", number(interval.mean()), number(interval.halfWidth()));
    }

    private static String difference(PairedComparison c) {
        String relative = Double.isFinite(c.relativeDifference())
                ? String.format(Locale.ROOT, " (%+.2f %%)", 100 * c.relativeDifference()) : "";
        return String.format(Locale.ROOT, "%s%s [%s, %s]", signed(c.meanDifference()), relative, number(c.ciLow()),
                number(c.ciHigh()));
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + number(value);
    }
}
