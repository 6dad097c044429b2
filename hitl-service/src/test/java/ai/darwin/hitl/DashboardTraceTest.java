package ai.darwin.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.hitl.messaging.EventConsumer;
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
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** hitl-service stores what the dashboard shows of a variant in a span of the trace the variant's record carried. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class DashboardTraceTest {

    @Inject
    InMemorySpanExporter spans;
    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aVariantsProgressIsHandledInItsTrace() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        TrainingProgress progress = new TrainingProgress(Envelope.of("run-dashboard-traced"), 0, "v-traced",
                "worker-1", 1, 10, 3.0, 100, 9, 0.1);
        connector.source(EventConsumer.CHANNEL).send(Message.of(EventCodec.write(progress))
                .addMetadata(TracingMetadata.withPrevious(Traces.fromTraceparent(traceparent))));

        SpanData handled = await().atMost(Duration.ofSeconds(10)).until(this::handlingOfTheTracedVariant,
                Optional::isPresent).orElseThrow();
        SpanContext sender = Traces.spanContext(Traces.fromTraceparent(traceparent));
        assertThat(handled.getName()).isEqualTo("handle TrainingProgress");
        assertThat(handled.getTraceId()).isEqualTo(sender.getTraceId());
        assertThat(handled.getParentSpanId()).isEqualTo(sender.getSpanId());
        assertThat(handled.getAttributes().get(VariantSpans.RUN_ID)).isEqualTo("run-dashboard-traced");
    }

    private Optional<SpanData> handlingOfTheTracedVariant() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> "v-traced".equals(s.getAttributes().get(VariantSpans.VARIANT_ID))).findFirst();
    }
}
