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
 * @param controlVariantId the generation's control: the unmodified seed program trained with the same training seed
 *                     as the generation's candidates (in generation 0, the baseline); its ranking entry has its
 *                     metrics, and each candidate's entry its {@link RankedVariant#versusControl()}. Absent for a
 *                     verification generation, when the control did not complete, and in older events.
 * @param noiseFloor   the run's noise floor, measured in generation 0 from the control's seeds: differences within
 *                     it are ties. Absent until measured, when fewer than two of those seeds completed, and in
 *                     older events.
 */
public record GenerationClosed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                               List<RankedVariant> ranking, List<Survivor> survivors,
                               GenerationStatistics statistics, @Nullable VerificationReport verification,
                               @Nullable String controlVariantId, @Nullable NoiseFloor noiseFloor)
        implements GenerationEvent {

    public GenerationClosed {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.atLeast(generation, 0, "generation");
        ranking = Require.list(ranking, "ranking");
        survivors = Require.list(survivors, "survivors");
        Require.present(statistics, "statistics");
    }

    /** A generation closed without a control (as before generations had one). */
    public GenerationClosed(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                            List<RankedVariant> ranking, List<Survivor> survivors, GenerationStatistics statistics,
                            VerificationReport verification) {
        this(eventId, schemaVersion, runId, timestamp, generation, ranking, survivors, statistics, verification, null,
                null);
    }

    /** The event in its {@link Envelope}. */
    public GenerationClosed(Envelope envelope, int generation, List<RankedVariant> ranking, List<Survivor> survivors,
                            GenerationStatistics statistics, @Nullable VerificationReport verification,
                            @Nullable String controlVariantId, @Nullable NoiseFloor noiseFloor) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation, ranking,
                survivors, statistics, verification, controlVariantId, noiseFloor);
    }

    /** The event in its {@link Envelope}, without a control. */
    public GenerationClosed(Envelope envelope, int generation, List<RankedVariant> ranking, List<Survivor> survivors,
                            GenerationStatistics statistics, @Nullable VerificationReport verification) {
        this(envelope, generation, ranking, survivors, statistics, verification, null, null);
    }
}
