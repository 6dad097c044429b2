package ai.darwin.mutation.generation;

import ai.darwin.events.variant.VariantProposed;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of published proposals: by status and mutator (the error rate is CARRIED_FORWARD over all,
 * the error-resolution rate REPAIRED over REPAIRED plus CARRIED_FORWARD), LLM tokens and estimated cost.
 */
@ApplicationScoped
public class ProposalMetrics {

    private final MeterRegistry registry;

    ProposalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(VariantProposed variant) {
        registry.counter("darwin.mutation.proposals", "status", variant.status().name(),
                "mutator", variant.mutator().kind()).increment();
        registry.counter("darwin.mutation.llm.tokens", "direction", "in").increment(variant.usage().promptTokens());
        registry.counter("darwin.mutation.llm.tokens", "direction", "out")
                .increment(variant.usage().completionTokens());
        registry.counter("darwin.mutation.llm.calls").increment(variant.usage().llmCalls());
        registry.counter("darwin.mutation.llm.cost.usd").increment(variant.usage().costUsd());
    }
}
