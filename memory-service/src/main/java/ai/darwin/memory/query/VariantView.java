package ai.darwin.memory.query;

import java.util.List;
import org.bson.Document;

/**
 * A variant as memory serves it: what was proposed and how it trained.
 *
 * @param variantId      the variant
 * @param runId          its run
 * @param generation     its generation
 * @param kind           MUTATE, BASELINE or VERIFY
 * @param agentId        the agent that owns it
 * @param mutatorAgentId the agent that rewrote it
 * @param parentVariantIds its parents
 * @param mutator        the mutator kind ({@code offline}, {@code llm}, ...)
 * @param model          the LLM model, if any
 * @param status         the proposal's validation status
 * @param outcome        PENDING, COMPLETED, HELD (completed, but a sanity gate held the result) or FAILED
 * @param valBitsPerByte validation bits per byte, when trained
 * @param perplexity     perplexity, when trained
 * @param mfu            MFU, when trained
 * @param tokensPerSecond training throughput, when trained
 * @param failureClass   why it failed, when it failed
 * @param integrityGates the sanity gates that held its result, when HELD
 * @param costUsd        LLM cost of the proposal
 * @param changeKinds    what kinds of change its diff made
 * @param reasoning      the mutator's reasoning
 * @param corpora        what it trained on, the run's corpus first and then the approved extras of its mixture; empty
 *                       before it trained and for results older than the mixture
 */
public record VariantView(String variantId, String runId, Integer generation, String kind, String agentId,
                          String mutatorAgentId, List<String> parentVariantIds, String mutator, String model,
                          String status, String outcome, Double valBitsPerByte, Double perplexity, Double mfu,
                          Double tokensPerSecond, String failureClass, List<String> integrityGates, Double costUsd,
                          List<String> changeKinds, String reasoning, List<CorpusView> corpora) {

    /**
     * A corpus a variant trained on.
     *
     * @param uri       where it came from
     * @param sha256    SHA-256 of the bytes trained on
     * @param requestId the approval that added it; null for the run's own corpus
     */
    public record CorpusView(String uri, String sha256, String requestId) {
    }

    public static VariantView of(Document variant) {
        Document proposal = variant.get("proposal", Document.class);
        Document result = variant.get("result", Document.class);
        Document metrics = result == null ? null : result.get("metrics", Document.class);
        Document mutator = proposal == null ? null : proposal.get("mutator", Document.class);
        Document usage = proposal == null ? null : proposal.get("usage", Document.class);
        return new VariantView(variant.getString("_id"), variant.getString("runId"), variant.getInteger("generation"),
                proposal == null ? null : proposal.getString("kind"),
                proposal == null ? null : proposal.getString("targetAgentId"),
                proposal == null ? null : proposal.getString("mutatorAgentId"),
                variant.getList("parentVariantIds", String.class, List.of()),
                mutator == null ? null : mutator.getString("kind"), mutator == null ? null : mutator.getString("model"),
                proposal == null ? null : proposal.getString("status"), variant.getString("outcome"),
                number(metrics, "valBitsPerByte"), number(metrics, "perplexity"), number(metrics, "mfu"),
                number(metrics, "tokensPerSecond"), variant.getString("failureClass"),
                variant.getList("integrityGates", String.class, List.of()), number(usage, "costUsd"),
                variant.getList("changeKinds", String.class, List.of()), variant.getString("reasoning"),
                corpora(result));
    }

    private static List<CorpusView> corpora(Document result) {
        if (result == null) {
            return List.of();
        }
        return result.getList("corpora", Document.class, List.of()).stream()
                .map(c -> new CorpusView(c.getString("uri"), c.getString("sha256"), c.getString("requestId")))
                .toList();
    }

    static Double number(Document document, String field) {
        Object value = document == null ? null : document.get(field);
        return value instanceof Number number ? number.doubleValue() : null;
    }
}
