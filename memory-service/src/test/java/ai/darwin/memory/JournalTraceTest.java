package ai.darwin.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.memory.messaging.EventJournalConsumer;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.testing.MongoServerResource;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** memory-service journals a variant's events in spans of the variant's trace, the one its records carried. */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class JournalTraceTest {

    @Inject
    InMemorySpanExporter spans;
    @Inject
    @Any
    InMemoryConnector connector;

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aVariantsEventsAreJournaledInItsTrace() {
        ScriptedRun run = new ScriptedRun("run-journal-traced");
        VariantProposed proposed = (VariantProposed) run.events.stream()
                .filter(e -> e instanceof VariantProposed p && p.variantId().equals(run.b1)).findFirst().orElseThrow();
        TrainingCompleted completed = (TrainingCompleted) run.events.stream()
                .filter(e -> e instanceof TrainingCompleted c && c.variantId().equals(run.b1)).findFirst().orElseThrow();
        send(proposed);
        send(completed);

        SpanContext sender = Traces.spanContext(Traces.fromTraceparent(TRACEPARENT));
        for (String name : List.of("handle VariantProposed", "handle TrainingCompleted")) {
            SpanData handled = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals(name)
                            && run.b1.equals(s.getAttributes().get(VariantSpans.VARIANT_ID))).findFirst(),
                    s -> s.isPresent()).get();
            assertThat(handled.getTraceId()).as(name).isEqualTo(sender.getTraceId());
            assertThat(handled.getParentSpanId()).as(name).isEqualTo(sender.getSpanId());
            assertThat(handled.getAttributes().get(VariantSpans.RUN_ID)).isEqualTo(run.runId);
        }
    }

    private void send(DarwinEvent event) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(ScriptedRun.topic(event), 0, 0, event.runId(),
                EventCodec.write(event));
        connector.source(EventJournalConsumer.CHANNEL).send(Message.of(record)
                .addMetadata(TracingMetadata.withPrevious(Traces.fromTraceparent(TRACEPARENT))));
    }
}
