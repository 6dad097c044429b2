package ai.darwin.platform.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A variant's trace as a value that can be handed on and stored: the W3C {@code traceparent} of a Kafka record.
 * Most of Darwin's events are sent from work that left the consuming thread (a worker queue, an outbox flushed
 * after a save, an LLM call), so the context is carried explicitly from the consumed message to the sent one, and
 * stored as a {@code traceparent} string where the work waits in a database, rather than read from thread-locals.
 */
public final class Traces {

    /** The W3C Trace Context header that the SmallRye Kafka connector writes and reads. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /**
     * The context a consumed message continues: the connector's consumer span where the connector traced it, else
     * the {@code traceparent} header of its Kafka record; the root context (a new trace) when it has neither.
     */
    public static Context of(Message<?> message) {
        Optional<Context> traced = TracingMetadata.fromMessage(message)
                .map(tracing -> tracing.getCurrentContext() != null ? tracing.getCurrentContext()
                        : tracing.getPreviousContext())
                .filter(Traces::isTraced);
        if (traced.isPresent()) {
            return traced.get();
        }
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> of(kafka.getHeaders()))
                .orElse(Context.root());
    }

    /** The context a consumed record's {@code traceparent} header names; the root context when it has none. */
    public static Context of(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? Context.root()
                : fromTraceparent(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The context a stored {@code traceparent} names; the root context for null or a malformed value. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent.trim()), FROM_MAP);
    }

    /** The {@code traceparent} to store for a context; empty when it names no trace. */
    public static Optional<String> traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The span context a context names, e.g. for a span link; invalid for the root context. */
    public static SpanContext spanContext(Context context) {
        return Span.fromContext(context).getSpanContext();
    }

    /** Whether the context belongs to a trace. */
    public static boolean isTraced(Context context) {
        return context != null && spanContext(context).isValid();
    }
}
