package ai.darwin.selection.run;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.selection.store.SelectionStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * The span a GenerationClosed is sent in. A generation ends many variants' traces at once, so its close is a trace
 * of its own with a span link to each variant's trace, as stored with the variant's result (or proposal); the links
 * survive a restart between the close and the outbox's flush.
 */
@ApplicationScoped
class GenerationTraces {

    private final Tracer tracer;
    private final SelectionStore store;

    GenerationTraces(Tracer tracer, SelectionStore store) {
        this.tracer = tracer;
        this.store = store;
    }

    /** Opens the close's span, linked to every traced variant of the generation; the caller ends it. */
    Span closing(GenerationClosed closed) {
        SpanBuilder span = tracer.spanBuilder("close generation " + closed.generation()).setNoParent()
                .setAttribute(VariantSpans.RUN_ID, closed.runId())
                .setAttribute(VariantSpans.GENERATION, (long) closed.generation());
        Map<String, String> traces = new TreeMap<>(store.traceparents(closed.runId(), closed.generation()));
        traces.forEach((variantId, traceparent) -> {
            SpanContext variant = Traces.spanContext(Traces.fromTraceparent(traceparent));
            if (variant.isValid()) {
                span.addLink(variant, Attributes.of(VariantSpans.VARIANT_ID, variantId));
            }
        });
        return span.startSpan();
    }
}
