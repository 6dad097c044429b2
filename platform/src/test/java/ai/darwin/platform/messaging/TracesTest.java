package ai.darwin.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.run.RunPaused;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class TracesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void aStoredTraceparentNamesTheSameTraceAgain() {
        Context context = Traces.fromTraceparent(TRACEPARENT);

        assertThat(Traces.spanContext(context).getTraceId()).isEqualTo(TRACE_ID);
        assertThat(Traces.traceparent(context)).contains(TRACEPARENT);
    }

    @Test
    void aMissingOrMalformedTraceparentStartsNoTrace() {
        assertThat(Traces.isTraced(Traces.fromTraceparent(null))).isFalse();
        assertThat(Traces.isTraced(Traces.fromTraceparent("00-not-a-trace"))).isFalse();
        assertThat(Traces.traceparent(Context.root())).isEmpty();
    }

    @Test
    void aConsumedRecordContinuesTheTraceOfItsHeader() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("darwin.variants.v1", 0, 0, "v1", "{}");
        record.headers().add(Traces.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of("{}").addMetadata(new IncomingKafkaRecordMetadata<>(record, "variants"));

        assertThat(Traces.spanContext(Traces.of(message)).getTraceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void theConnectorsConsumerSpanComesBeforeTheHeader() {
        String other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        ConsumerRecord<String, String> record = new ConsumerRecord<>("darwin.variants.v1", 0, 0, "v1", "{}");
        record.headers().add(Traces.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        Message<String> message = Message.of("{}").addMetadata(new IncomingKafkaRecordMetadata<>(record, "variants"))
                .addMetadata(TracingMetadata.withPrevious(Traces.fromTraceparent(other)));

        assertThat(Traces.spanContext(Traces.of(message)).getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void anUntracedMessageStartsANewTrace() {
        assertThat(Traces.isTraced(Traces.of(Message.of("{}")))).isFalse();
    }

    @Test
    void anEventSentInATraceCarriesItForTheConnector() {
        RunPaused paused = new RunPaused("e1", 1, "run-1", Instant.parse("2026-01-01T00:00:00Z"), "test", "me");

        Message<String> traced = EventMessages.toMessage(paused, "test", Traces.fromTraceparent(TRACEPARENT));
        Message<String> untraced = EventMessages.toMessage(paused, "test");

        assertThat(TracingMetadata.fromMessage(traced)).hasValueSatisfying(tracing ->
                assertThat(Traces.spanContext(tracing.getCurrentContext()).getTraceId()).isEqualTo(TRACE_ID));
        assertThat(TracingMetadata.fromMessage(untraced)).isEmpty();
    }
}
