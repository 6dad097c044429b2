package ai.darwin.training.sandbox;

import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.platform.text.BoundedText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child wrote to its result file (the harness's ReportJson).
 *
 * @param metrics         the metrics when it succeeded, else null
 * @param architecture    the model's shape when it succeeded, else null
 * @param failureClass    why it failed, else null
 * @param message         the failure's message, else empty
 * @param detail          the failure's stack trace or compiler output, else empty
 * @param trainSeconds    training wall time
 * @param evaluationSeconds evaluation wall time
 * @param compileSeconds  compile and bytecode check time
 * @param dataSeconds     corpus loading time
 * @param engineSeconds   engine loading (and peak measuring) time
 * @param mainStartMillis when the child's main began (epoch ms), 0 when unknown
 * @param integrityFlags  the sanity gates the child's harness found the result tripped
 */
record ResultFile(TrainingMetrics metrics, ArchitectureCard architecture, FailureClass failureClass, String message,
                  String detail, double trainSeconds, double evaluationSeconds, double compileSeconds,
                  double dataSeconds, double engineSeconds, long mainStartMillis, List<IntegrityFlag> integrityFlags) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean succeeded() {
        return metrics != null;
    }

    /** The harness's report is a few KB; a larger file is not one, and is not read into the worker's memory. */
    static final long MAX_BYTES = 1024 * 1024;

    /**
     * Reads a report, its message and detail cut to a few KB: it was written in the same JVM as the program, so
     * nothing in it is trusted to be bounded.
     *
     * @throws IOException when the file is missing, too large or not a report
     */
    static ResultFile read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file.getFileName() + " has " + Files.size(file) + " bytes, more than a report's "
                    + MAX_BYTES);
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.has("succeeded")) {
            throw new IOException(file + " is not a harness report");
        }
        JsonNode timings = root.path("timings");
        double train = timings.path("trainSeconds").asDouble();
        double evaluation = timings.path("evaluationSeconds").asDouble();
        double compile = timings.path("compileSeconds").asDouble();
        double data = timings.path("dataSeconds").asDouble();
        double engine = timings.path("engineSeconds").asDouble();
        long mainStart = root.path("child").path("mainStartMillis").asLong();
        if (root.path("succeeded").asBoolean()) {
            JsonNode m = root.path("metrics");
            JsonNode a = root.path("architecture");
            TrainingMetrics metrics = new TrainingMetrics(m.path("valLoss").asDouble(),
                    m.path("valBitsPerByte").asDouble(), m.path("perplexity").asDouble(),
                    m.path("finalTrainLoss").asDouble(), m.path("tokensTrained").asLong(), m.path("steps").asLong(),
                    m.path("tokensPerSecond").asDouble(), m.path("parameters").asLong(),
                    m.path("flopsPerToken").asDouble(), m.path("peakFlops").asDouble(), m.path("mfu").asDouble(),
                    m.path("peakMemoryBytes").asLong(), m.path("trainSeconds").asDouble(),
                    m.path("totalSeconds").asDouble(), m.path("device").asText("cpu"));
            ArchitectureCard architecture = new ArchitectureCard(a.path("layers").asInt(), a.path("heads").asInt(),
                    a.path("embeddingDim").asInt(), a.path("contextLength").asInt(),
                    root.path("vocabularySize").asInt());
            return new ResultFile(metrics, architecture, null, "", "", train, evaluation, compile, data, engine,
                    mainStart, flags(root.path("integrityFlags")));
        }
        JsonNode failure = root.path("failure");
        FailureClass failureClass;
        try {
            failureClass = FailureClass.valueOf(failure.path("failureClass").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " names an unknown failure class", e);
        }
        return new ResultFile(null, null, failureClass,
                BoundedText.head(failure.path("message").asText(""), LogTail.MAX_MESSAGE_CHARS),
                BoundedText.head(failure.path("detail").asText(""), LogTail.MAX_DETAIL_CHARS), train, evaluation,
                compile, data, engine, mainStart, List.of());
    }

    /** @throws IOException for a gate the worker does not know: harness and worker disagree */
    private static List<IntegrityFlag> flags(JsonNode array) throws IOException {
        List<IntegrityFlag> flags = new ArrayList<>();
        for (JsonNode flag : array) {
            try {
                flags.add(new IntegrityFlag(IntegrityGate.valueOf(flag.path("gate").asText()),
                        BoundedText.head(flag.path("detail").asText(""), SanityGates.MAX_DETAIL_CHARS)));
            } catch (IllegalArgumentException e) {
                throw new IOException("the report names an unknown sanity gate " + flag.path("gate"), e);
            }
        }
        return List.copyOf(flags);
    }
}
