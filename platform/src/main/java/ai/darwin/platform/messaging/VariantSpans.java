package ai.darwin.platform.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventType;
import ai.darwin.events.generation.GenerationEvent;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The spans every service opens about a variant, with attributes that a trace backend can search for. */
public final class VariantSpans {

    public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("darwin.run.id");
    public static final AttributeKey<String> VARIANT_ID = AttributeKey.stringKey("darwin.variant.id");
    public static final AttributeKey<Long> GENERATION = AttributeKey.longKey("darwin.generation");
    public static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("darwin.agent.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("darwin.event.type");

    private VariantSpans() {
    }

    /** @param agentId the agent that owns the variant's result, or null */
    public static SpanBuilder describe(SpanBuilder span, String runId, String variantId, int generation,
                                       String agentId) {
        span.setAttribute(RUN_ID, runId).setAttribute(VARIANT_ID, variantId)
                .setAttribute(GENERATION, (long) generation);
        return agentId == null ? span : span.setAttribute(AGENT_ID, agentId);
    }

    /**
     * Reads a consumed message's event and handles it in a span of the message's trace; acknowledges it after, or
     * nacks it with the failure (to the dead-letter topic) when it cannot be read or handled.
     *
     * @param read how the channel reads its payload, e.g. {@code EventCodec::readAny} for a JSON string, or the
     *             value of a {@code ConsumerRecord} for a channel that also needs the record's topic and offset
     */
    public static <P, E extends DarwinEvent> CompletionStage<Void> handle(Tracer tracer, Message<P> message,
                                                                          Function<P, E> read,
                                                                          BiConsumer<E, Context> work) {
        try {
            E event = read.apply(message.getPayload());
            handle(tracer, Traces.of(message), event, trace -> work.accept(event, trace));
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        return message.ack();
    }

    /**
     * Handles a consumed event in a span that continues the trace its record carried ({@link Traces#of}), named
     * {@code handle <type>}; the work gets the span's context, e.g. to store its traceparent. A failure of the work
     * marks the span and is thrown on.
     */
    public static void handle(Tracer tracer, Context parent, DarwinEvent event, Consumer<Context> work) {
        String type = EventType.of(event).typeName();
        SpanBuilder builder = tracer.spanBuilder("handle " + type).setParent(parent)
                .setAttribute(EVENT_TYPE, type).setAttribute(RUN_ID, event.runId());
        if (event instanceof VariantProposed proposed) {
            builder.setAttribute(VARIANT_ID, proposed.variantId()).setAttribute(GENERATION, (long) proposed.generation());
        } else if (event instanceof TrainingResult result) {
            builder.setAttribute(VARIANT_ID, result.variantId()).setAttribute(GENERATION, (long) result.generation());
        } else if (event instanceof TrainingProgressEvent progress) {
            builder.setAttribute(VARIANT_ID, progress.variantId());
        } else if (event instanceof GenerationEvent generation) {
            builder.setAttribute(GENERATION, (long) generation.generation());
        }
        Span span = builder.startSpan();
        try {
            work.accept(parent.with(span));
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
