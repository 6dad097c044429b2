package ai.darwin.memory.rest;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;

/**
 * A run as memory knows it.
 *
 * @param runId                the run
 * @param name                 its name
 * @param status               REQUESTED, RUNNING, PAUSED, STOPPING or COMPLETED
 * @param outcome              why it ended, once it did
 * @param requestedAt          when it was requested
 * @param completedAt          when it ended
 * @param generationsCompleted generations of mutation that closed
 * @param championVariantId    the best variant
 * @param costUsd              LLM cost
 * @param verification         the champion-versus-baseline report, when the run ended with one
 * @param config               the run's configuration
 */
public record RunSummary(String runId, String name, String status, String outcome, Instant requestedAt,
                         Instant completedAt, Integer generationsCompleted, String championVariantId, Double costUsd,
                         Map<String, Object> verification, Map<String, Object> config) {

    static RunSummary of(Document run) {
        return new RunSummary(run.getString("_id"), run.getString("name"), run.getString("status"),
                run.getString("outcome"), instant(run.getDate("requestedAt")), instant(run.getDate("completedAt")),
                run.getInteger("generationsCompleted"), run.getString("championVariantId"),
                run.get("costUsd") instanceof Number n ? n.doubleValue() : null,
                run.get("verification", Document.class), run.get("config", Document.class));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
