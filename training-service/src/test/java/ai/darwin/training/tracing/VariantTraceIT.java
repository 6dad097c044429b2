package ai.darwin.training.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.Variants;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A variant's trace through training-service on the real broker: the VariantProposed record's traceparent becomes
 * the parent of the training span, and the TrainingStarted and result records carry the same trace id. The variant's
 * source does not match its checksum, so it fails at once without starting a child JVM.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class VariantTraceIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Inject
    InMemorySpanExporter spans;

    /**
     * No OTEL_EXPORTER_OTLP_ENDPOINT here: the traces endpoint resolves to blank, which Quarkus's OTLP exporter takes
     * for none (it would take an unset one for localhost:4317), so nothing tries to connect.
     */
    @Test
    void withoutACollectorTheTracesEndpointIsBlank() {
        assertThat(System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT")).as("this test runs without a collector").isNull();
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.otel.exporter.otlp.traces.endpoint",
                String.class)).hasValueSatisfying(endpoint -> assertThat(endpoint).isBlank());
    }

    @Test
    void theTrainingEventsOfAVariantContinueTheTraceItsRecordCarried() {
        VariantProposed variant = Variants.variant("run-trace-it", Variants.newId("traced"), TestPrograms.seed(),
                new TrainingBudget(64, 0));
        String corrupted = EventCodec.write(variant).replace(variant.sourceSha256(), "0".repeat(64));
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
             ConsumerTask<String, String> out = kafka.consumeStrings()
                     .fromTopics(Topics.TRAINING_PROGRESS.name(), Topics.TRAINING_RESULTS.name())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                    corrupted);
            record.headers().add(Traces.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
            kafka.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));

            List<ConsumerRecord<String, String>> sent = await().atMost(Duration.ofSeconds(60)).until(
                    () -> out.getRecords().stream().filter(r -> variant.variantId().equals(r.key())).toList(),
                    records -> records.stream().anyMatch(r -> r.topic().equals(Topics.TRAINING_RESULTS.name())));

            assertThat(sent).extracting(r -> EventCodec.readAny(r.value()).getClass().getSimpleName())
                    .contains("TrainingStarted", "TrainingFailed");
            assertThat(sent).allSatisfy(r -> assertThat(traceIdOf(r)).as(r.topic()).isEqualTo(TRACE_ID));
        }
        SpanData training = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("train " + variant.variantId())).findFirst(), s -> s.isPresent()).get();
        assertThat(training.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(training.getAttributes().get(VariantSpans.VARIANT_ID)).isEqualTo(variant.variantId());
        assertThat(training.getAttributes().get(VariantSpans.RUN_ID)).isEqualTo("run-trace-it");
        assertThat(training.getAttributes().get(VariantSpans.GENERATION)).isEqualTo((long) variant.generation());
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Traces.TRACEPARENT);
        assertThat(header).as("traceparent of a record on " + record.topic()).isNotNull();
        return Traces.spanContext(Traces.fromTraceparent(new String(header.value(), StandardCharsets.UTF_8)))
                .getTraceId();
    }
}
