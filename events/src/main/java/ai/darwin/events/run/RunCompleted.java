package ai.darwin.events.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * The run ended.
 *
 * @param outcome              why it ended
 * @param generationsCompleted generations that closed
 * @param championVariantId    the best variant, if any trained
 * @param verification         champion versus baseline, when the verification ran
 * @param costUsd              total LLM cost of the run
 */
public record RunCompleted(String eventId, int schemaVersion, String runId, Instant timestamp,
                           RunOutcome outcome, int generationsCompleted, @Nullable String championVariantId,
                           @Nullable VerificationReport verification, double costUsd) implements RunEvent {

    public RunCompleted {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.present(outcome, "outcome");
        Require.atLeast(generationsCompleted, 0, "generationsCompleted");
    }

    /** The event in its {@link Envelope}. */
    public RunCompleted(Envelope envelope, RunOutcome outcome, int generationsCompleted,
                        @Nullable String championVariantId, @Nullable VerificationReport verification, double costUsd) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), outcome,
                generationsCompleted, championVariantId, verification, costUsd);
    }
}
