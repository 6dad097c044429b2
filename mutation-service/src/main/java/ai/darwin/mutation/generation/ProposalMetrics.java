package ai.darwin.mutation.generation;

import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.metrics.RunMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of published proposals: by status and mutator (the error rate is CARRIED_FORWARD over all,
 * the error-resolution rate REPAIRED over REPAIRED plus CARRIED_FORWARD), and the LLM tokens, calls and estimated
 * cost they took, by run and model (the run tag bounded by {@link RunMeters}).
 */
@ApplicationScoped
public class ProposalMetrics {

    public static final String PROPOSALS = "darwin.mutation.proposals";
    public static final String LLM_TOKENS = "darwin.mutation.llm.tokens";
    public static final String LLM_CALLS = "darwin.mutation.llm.calls";
    public static final String LLM_COST = "darwin.mutation.llm.cost.usd";

    private final MeterRegistry registry;
    private final RunMeters runs;

    ProposalMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.runs = new RunMeters(registry);
    }

    void published(VariantProposed variant) {
        registry.counter(PROPOSALS, "status", variant.status().name(), "mutator", variant.mutator().kind())
                .increment();
        Tags llm = runs.tags(variant.runId(), RunMeters.MODEL, RunMeters.model(variant.mutator().model()));
        registry.counter(LLM_TOKENS, llm.and("direction", "in")).increment(variant.usage().promptTokens());
        registry.counter(LLM_TOKENS, llm.and("direction", "out")).increment(variant.usage().completionTokens());
        registry.counter(LLM_CALLS, llm).increment(variant.usage().llmCalls());
        registry.counter(LLM_COST, llm).increment(variant.usage().costUsd());
    }
}
