package ai.darwin.events.training;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * A variant trained within its budget and the harness evaluated it.
 *
 * @param trainingSeed the seed it trained with
 * @param metrics      every metric the harness measured
 * @param architecture   the model's shape
 * @param integrityFlags the sanity gates the result tripped; empty for a result that may be ranked and crowned.
 *                       Absent in events written before the gates existed, read as empty.
 */
public record TrainingCompleted(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                                String variantId, String workerId, long trainingSeed, TrainingMetrics metrics,
                                ArchitectureCard architecture, @Nullable List<IntegrityFlag> integrityFlags,
                                @Nullable List<TrainedCorpus> corpora)
        implements TrainingResult {

    public TrainingCompleted {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(variantId, "variantId");
        Require.text(workerId, "workerId");
        Require.present(metrics, "metrics");
        Require.present(architecture, "architecture");
        integrityFlags = integrityFlags == null ? List.of() : Require.list(integrityFlags, "integrityFlags");
        corpora = corpora == null ? null : Require.list(corpora, "corpora");
    }

    /** A result that does not say what it trained on (as in events older than the mixture). */
    public TrainingCompleted(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                             String variantId, String workerId, long trainingSeed, TrainingMetrics metrics,
                             ArchitectureCard architecture, @Nullable List<IntegrityFlag> integrityFlags) {
        this(eventId, schemaVersion, runId, timestamp, generation, variantId, workerId, trainingSeed, metrics,
                architecture, integrityFlags, null);
    }

    /** The event in its {@link Envelope}, with the corpora it trained on. */
    public TrainingCompleted(Envelope envelope, int generation, String variantId, String workerId, long trainingSeed,
                             TrainingMetrics metrics, ArchitectureCard architecture,
                             @Nullable List<IntegrityFlag> integrityFlags, @Nullable List<TrainedCorpus> corpora) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation,
                variantId, workerId, trainingSeed, metrics, architecture, integrityFlags, corpora);
    }

    /** The event in its {@link Envelope}. */
    public TrainingCompleted(Envelope envelope, int generation, String variantId, String workerId, long trainingSeed,
                             TrainingMetrics metrics, ArchitectureCard architecture,
                             @Nullable List<IntegrityFlag> integrityFlags) {
        this(envelope, generation, variantId, workerId, trainingSeed, metrics, architecture, integrityFlags, null);
    }

    /** A result that tripped no sanity gate. */
    public TrainingCompleted(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                             String variantId, String workerId, long trainingSeed, TrainingMetrics metrics,
                             ArchitectureCard architecture) {
        this(eventId, schemaVersion, runId, timestamp, generation, variantId, workerId, trainingSeed, metrics,
                architecture, List.of());
    }

    /** @return whether a sanity gate held this result: it may be reported, never crowned */
    public boolean flagged() {
        return !integrityFlags.isEmpty();
    }
}
