package ai.darwin.events.training;

import ai.darwin.events.Require;
import java.time.Instant;

/**
 * A variant trained within its budget and the harness evaluated it.
 *
 * @param trainingSeed the seed it trained with
 * @param metrics      every metric the harness measured
 * @param architecture the model's shape
 */
public record TrainingCompleted(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                                String variantId, String workerId, long trainingSeed, TrainingMetrics metrics,
                                ArchitectureCard architecture) implements TrainingResult {

    public TrainingCompleted {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(variantId, "variantId");
        Require.text(workerId, "workerId");
        Require.present(metrics, "metrics");
        Require.present(architecture, "architecture");
    }
}
