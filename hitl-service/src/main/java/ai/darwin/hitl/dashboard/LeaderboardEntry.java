package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.Documents;
import org.bson.Document;

/**
 * A trained variant's place on its run's leaderboard.
 *
 * @param rank            1 is the lowest validation bits per byte
 * @param variantId       the variant
 * @param generation      its generation
 * @param kind            MUTATE or BASELINE
 * @param agentId         the agent that owns it
 * @param mutatorAgentId  the agent that rewrote it
 * @param mutator         {@code offline}, {@code llm}, {@code llm-chunk}, or {@code none} for the baseline
 * @param model           the LLM model, for LLM mutators
 * @param valBitsPerByte  validation bits per byte
 * @param perplexity      validation perplexity
 * @param mfu             model FLOPs utilisation, 0..1
 * @param tokensPerSecond training throughput
 * @param parameters      parameter count
 * @param linesAdded      lines its diff added
 * @param linesRemoved    lines its diff removed
 * @param vetoed          a human vetoed it
 * @param promoted        a human promoted it
 * @param reasoning       the start of the mutator's reasoning
 */
public record LeaderboardEntry(int rank, String variantId, Integer generation, String kind, String agentId,
                               String mutatorAgentId, String mutator, String model, Double valBitsPerByte,
                               Double perplexity, Double mfu, Double tokensPerSecond, Long parameters, Long linesAdded,
                               Long linesRemoved, boolean vetoed, boolean promoted, String reasoning) {

    static LeaderboardEntry of(int rank, Document variant) {
        Document metrics = variant.get("metrics", Document.class);
        return new LeaderboardEntry(rank, variant.getString("_id"), variant.getInteger("generation"),
                variant.getString("kind"), variant.getString("agentId"), variant.getString("mutatorAgentId"),
                variant.getString("mutator"), variant.getString("model"), Documents.number(variant, "valBitsPerByte"),
                Documents.number(metrics, "perplexity"), Documents.number(metrics, "mfu"),
                Documents.number(metrics, "tokensPerSecond"), Documents.whole(metrics, "parameters"),
                Documents.whole(variant, "linesAdded"), Documents.whole(variant, "linesRemoved"),
                Boolean.TRUE.equals(variant.getBoolean("vetoed")), Boolean.TRUE.equals(variant.getBoolean("promoted")),
                variant.getString("reasoning"));
    }
}
