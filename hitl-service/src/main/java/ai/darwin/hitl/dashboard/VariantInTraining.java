package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import org.bson.Document;

/**
 * A variant a worker is training now.
 *
 * @param variantId      the variant
 * @param generation     its generation
 * @param kind           MUTATE, BASELINE or VERIFY (absent until its proposal was seen)
 * @param agentId        the agent that owns it
 * @param mutatorAgentId the agent that rewrote it
 * @param workerId       the training worker
 * @param attempt        1, or higher after a worker died with it
 * @param startedAt      when the worker took it
 * @param progress       its latest progress report, absent before the first
 */
public record VariantInTraining(String variantId, int generation, String kind, String agentId, String mutatorAgentId,
                                String workerId, Integer attempt, Instant startedAt, Progress progress) {

    /**
     * A progress report.
     *
     * @param step            optimizer steps done
     * @param tokensSeen      training tokens processed
     * @param trainLoss       recent training loss, as the program reports it
     * @param tokensPerSecond recent throughput
     * @param etaSeconds      estimated seconds until the budget is spent
     * @param fractionDone    0..1 of the budget
     * @param at              when it was reported
     */
    public record Progress(long step, long tokensSeen, double trainLoss, double tokensPerSecond, double etaSeconds,
                           double fractionDone, Instant at) {
    }

    static VariantInTraining of(Document variant) {
        Document p = variant.get("progress", Document.class);
        Progress progress = p == null ? null : new Progress(Documents.whole(p, "step"), Documents.whole(p, "tokensSeen"),
                Documents.number(p, "trainLoss"), Documents.number(p, "tokensPerSecond"),
                Documents.number(p, "etaSeconds"), Documents.number(p, "fractionDone"), Documents.instant(p, "at"));
        return new VariantInTraining(variant.getString("_id"), variant.getInteger("generation"),
                variant.getString("kind"), variant.getString("agentId"), variant.getString("mutatorAgentId"),
                variant.getString("workerId"), variant.getInteger("attempt"), Documents.instant(variant, "startedAt"),
                progress);
    }
}
