package ai.darwin.events.training;

import ai.darwin.events.Envelope;
import ai.darwin.events.Require;
import java.time.Instant;

/**
 * A periodic progress report of a variant in training.
 *
 * @param step            optimizer steps done
 * @param tokensSeen      training tokens processed
 * @param trainLoss       recent training loss as the program reports it (informational, never scored)
 * @param tokensPerSecond recent throughput
 * @param etaSeconds      estimated seconds until the budget is spent
 * @param fractionDone    0..1 of the budget
 */
public record TrainingProgress(String eventId, int schemaVersion, String runId, Instant timestamp, int generation,
                               String variantId, String workerId, long step, long tokensSeen, double trainLoss,
                               double tokensPerSecond, double etaSeconds, double fractionDone)
        implements TrainingProgressEvent {

    public TrainingProgress {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(variantId, "variantId");
        Require.text(workerId, "workerId");
    }

    /** The event in its {@link Envelope}. */
    public TrainingProgress(Envelope envelope, int generation, String variantId, String workerId, long step,
                            long tokensSeen, double trainLoss, double tokensPerSecond, double etaSeconds,
                            double fractionDone) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), generation,
                variantId, workerId, step, tokensSeen, trainLoss, tokensPerSecond, etaSeconds, fractionDone);
    }
}
