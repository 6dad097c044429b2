package ai.darwin.training.messaging;

import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.VariantSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The training span of each variant in training, a child of the trace its VariantProposed record carried. A
 * variant's events are sent from the worker's thread, its progress ticker and its resend loop, so they look the
 * trace up here by variant id instead of finding it on the thread.
 */
@ApplicationScoped
public class TrainingTraces {

    private final Tracer tracer;
    private final Map<String, Context> training = new ConcurrentHashMap<>();

    TrainingTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Opens the variant's training span; {@link #end} closes it. */
    Span start(VariantProposed variant, Context parent) {
        Span span = VariantSpans.describe(tracer.spanBuilder("train " + variant.variantId()).setParent(parent),
                variant.runId(), variant.variantId(), variant.generation(), variant.targetAgentId()).startSpan();
        training.put(variant.variantId(), parent.with(span));
        return span;
    }

    void end(String variantId, Span span) {
        training.remove(variantId);
        span.end();
    }

    /** The trace an event about this variant continues; null when it is not in training here. */
    Context of(String variantId) {
        return training.get(variantId);
    }
}
