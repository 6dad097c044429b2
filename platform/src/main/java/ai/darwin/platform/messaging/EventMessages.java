package ai.darwin.platform.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.Topics;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns a contract event into the Kafka message every service sends: the JSON of {@link EventCodec} as value, the
 * contract's key, and CloudEvents 1.0 attributes that the SmallRye connector writes as binary-mode headers. Given a
 * trace, the connector's producer span continues it and its W3C {@code traceparent} header goes out with the record;
 * without one, the connector falls back to the sending thread's current context (see {@link Traces}).
 */
public final class EventMessages {

    private EventMessages() {
    }

    /**
     * @param event   the event
     * @param service the sending service's name, which becomes the CloudEvents source {@code urn:darwin:<service>}
     */
    public static Message<String> toMessage(DarwinEvent event, String service) {
        return toMessage(event, service, null);
    }

    /**
     * @param event   the event
     * @param service the sending service's name
     * @param trace   the trace the event continues (a variant's), or null for none known
     */
    public static Message<String> toMessage(DarwinEvent event, String service, Context trace) {
        EventType type = EventType.of(event);
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Topics.keyOf(event))
                .build();
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId())
                .withType(type.cloudEventType())
                .withSource(URI.create(EventType.SOURCE_PREFIX + service))
                .withSubject(Topics.keyOf(event))
                .withTimestamp(event.timestamp().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        Message<String> message = Message.of(EventCodec.write(event)).addMetadata(kafka).addMetadata(cloudEvent);
        return Traces.isTraced(trace) ? message.addMetadata(TracingMetadata.withCurrent(trace)) : message;
    }

    /** Sends an event; the stage completes once the broker acknowledged it, or fails with the reason it did not. */
    public static CompletionStage<Void> send(Emitter<String> emitter, DarwinEvent event, String service) {
        return send(emitter, event, service, null);
    }

    /** Sends an event that continues a trace (null for none known); completes as {@link #send(Emitter, DarwinEvent, String)}. */
    public static CompletionStage<Void> send(Emitter<String> emitter, DarwinEvent event, String service,
                                             Context trace) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(toMessage(event, service, trace)
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return sent;
    }
}
