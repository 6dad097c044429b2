package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.Metrics;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.Timings;
import ai.darwin.training.sdk.ArchitectureCard;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a report and of a progress point, as the child JVM writes them. */
public final class ReportJson {

    private ReportJson() {
    }

    /**
     * {@code {succeeded, metrics, architecture, vocabularySize, unigramValLoss, progress, failure, timings,
     * integrityFlags: [{gate, detail}], valBitsPerByteFloor}}; metrics,
     * failure and timings use the field names of {@link Metrics}, {@link HarnessReport.Failure} and {@link Timings};
     * NaN becomes null.
     */
    public static String write(HarnessReport report) {
        return write(report, Map.of());
    }

    /** The report with more top-level fields after its own, e.g. what the child JVM knows about its start. */
    public static String write(HarnessReport report, Map<String, Object> extra) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("succeeded", report.succeeded());
        json.put("metrics", report.metrics() == null ? null : metrics(report.metrics()));
        json.put("architecture", report.architecture() == null ? null : architecture(report.architecture()));
        json.put("vocabularySize", report.vocabularySize());
        json.put("unigramValLoss", report.unigramValLoss());
        json.put("progress", report.progress().stream().map(ReportJson::point).toList());
        HarnessReport.Failure failure = report.failure();
        if (failure == null) {
            json.put("failure", null);
        } else {
            Map<String, Object> failureJson = new LinkedHashMap<>();
            failureJson.put("failureClass", failure.failureClass());
            failureJson.put("message", failure.message());
            failureJson.put("detail", failure.detail());
            json.put("failure", failureJson);
        }
        json.put("timings", timings(report.timings()));
        json.put("integrityFlags", report.integrityFlags().stream().map(flag -> {
            Map<String, Object> flagJson = new LinkedHashMap<>();
            flagJson.put("gate", flag.gate().name());
            flagJson.put("detail", flag.detail());
            return flagJson;
        }).toList());
        json.put("valBitsPerByteFloor", report.valFloor());
        json.putAll(extra);
        return Json.write(json);
    }

    /** {@code {step, tokens, seconds, trainLoss}} on one line. */
    public static String write(ProgressPoint point) {
        return Json.write(point(point));
    }

    private static Map<String, Object> point(ProgressPoint point) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", point.step());
        json.put("tokens", point.tokens());
        json.put("seconds", point.seconds());
        json.put("trainLoss", point.trainLoss());
        return json;
    }

    private static Map<String, Object> timings(Timings timings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("compileSeconds", timings.compileSeconds());
        json.put("dataSeconds", timings.dataSeconds());
        json.put("engineSeconds", timings.engineSeconds());
        json.put("trainSeconds", timings.trainSeconds());
        json.put("evaluationSeconds", timings.evaluationSeconds());
        json.put("smokeSeconds", timings.smokeSeconds());
        return json;
    }

    private static Map<String, Object> architecture(ArchitectureCard card) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layers", card.layers());
        json.put("heads", card.heads());
        json.put("embeddingDim", card.embeddingDim());
        json.put("contextLength", card.contextLength());
        return json;
    }

    private static Map<String, Object> metrics(Metrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("valLoss", m.valLoss());
        json.put("valBitsPerByte", m.valBitsPerByte());
        json.put("perplexity", m.perplexity());
        json.put("finalTrainLoss", m.finalTrainLoss());
        json.put("tokensTrained", m.tokensTrained());
        json.put("steps", m.steps());
        json.put("tokensPerSecond", m.tokensPerSecond());
        json.put("parameters", m.parameters());
        json.put("flopsPerToken", m.flopsPerToken());
        json.put("peakFlops", m.peakFlops());
        json.put("mfu", m.mfu());
        json.put("peakMemoryBytes", m.peakMemoryBytes());
        json.put("trainSeconds", m.trainSeconds());
        json.put("totalSeconds", m.totalSeconds());
        json.put("device", m.device());
        return json;
    }
}
