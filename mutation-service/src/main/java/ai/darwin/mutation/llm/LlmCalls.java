package ai.darwin.mutation.llm;

import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.state.CostLedger;
import java.util.List;
import java.util.Optional;

/** The LLM calls of one proposal: each checked against the run's cost cap, priced, and added to the ledger. */
public final class LlmCalls {

    private final LlmClient client;
    private final Pricing pricing;
    private final CostLedger ledger;
    private final CostCap cap;
    private final MutationRequest request;
    private final String model;
    private long promptTokens;
    private long completionTokens;
    private int calls;
    private double costUsd;

    LlmCalls(LlmClient client, Pricing pricing, CostLedger ledger, CostCap cap, MutationRequest request, String model) {
        this.client = client;
        this.pricing = pricing;
        this.ledger = ledger;
        this.cap = cap;
        this.request = request;
        this.model = model;
    }

    public String model() {
        return model;
    }

    /** @return the answer's text (empty when there was none) */
    public String complete(List<ChatMessage> messages) throws MutatorUnavailableException {
        Optional<String> capped = cap.reached(request);
        if (capped.isPresent()) {
            throw new MutatorUnavailableException(capped.get(), null);
        }
        LlmReply reply = client.complete(model, messages);
        double cost = pricing.cost(model, reply.promptTokens(), reply.completionTokens());
        ledger.add(request.runId(), request.variantId(), cost);
        promptTokens += reply.promptTokens();
        completionTokens += reply.completionTokens();
        calls++;
        costUsd += cost;
        return reply.content();
    }

    public TokenUsage usage() {
        return new TokenUsage(promptTokens, completionTokens, calls, costUsd);
    }
}
