package ai.darwin.events.generation;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.run.VerificationReport;
import java.time.Instant;
import java.util.List;

/**
 * A generation closed, exactly once.
 *
 * @param ranking    every variant of the generation, best first
 * @param survivors  each agent with the program it carries into the next generation
 * @param statistics per-generation statistics
 * @param verification for a verification generation (kind VERIFY assignments, at the run's end or every
 *                     {@code verificationInterval} generations): the champion against the baseline
 */
public record GenerationClosed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                               List<RankedVariant> ranking, List<Survivor> survivors,
                               GenerationStatistics statistics, @Nullable VerificationReport verification)
        implements GenerationEvent {

    public GenerationClosed {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.atLeast(generation, 0, "generation");
        ranking = Require.list(ranking, "ranking");
        survivors = Require.list(survivors, "survivors");
        Require.present(statistics, "statistics");
    }

    /** The event in its {@link Envelope}. */
    public GenerationClosed(Envelope envelope, int generation, List<RankedVariant> ranking, List<Survivor> survivors,
                            GenerationStatistics statistics, @Nullable VerificationReport verification) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation, ranking,
                survivors, statistics, verification);
    }
}
