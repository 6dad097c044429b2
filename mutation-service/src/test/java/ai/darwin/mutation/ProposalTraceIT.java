package ai.darwin.mutation;

import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.testing.KafkaBrokerResource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * Each proposal starts its variant's trace: a span per proposal with the run, variant, generation and agents as
 * attributes, ended once the broker has the VariantProposed, whose record's traceparent names that span.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class ProposalTraceIT {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void everyVariantGoesOutInTheTraceOfItsOwnProposalSpan() {
        String run = "run-traced";
        ConsumerTask<String, String> variants = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "offline", 0));
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put("ada", SEED);
        programs.put("bob", SEED);
        GenerationOpened generation = Scripted.generation(run, 1, programs);
        publish(generation);

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(60)).until(
                () -> variants.getRecords().stream().filter(r -> r.value().contains("\"" + run + "\"")).toList(),
                l -> l.size() >= generation.assignments().size());
        variants.close();

        assertThat(records.stream().map(ProposalTraceIT::traceparentOf).distinct()).hasSameSizeAs(records);
        for (ConsumerRecord<String, String> record : records) {
            String variantId = EventCodec.read(record.value(), VariantProposed.class).variantId();
            Assignment assignment = generation.assignments().stream()
                    .filter(a -> (a.assignmentId() + "-v").equals(variantId)).findFirst().orElseThrow();
            SpanData proposal = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems()
                    .stream().filter(s -> s.getName().equals("propose " + variantId)).findFirst(),
                    s -> s.isPresent()).get();

            assertThat(proposal.getParentSpanContext().isValid()).as("a proposal starts a new trace").isFalse();
            assertThat(Traces.spanContext(Traces.fromTraceparent(traceparentOf(record))).getTraceId())
                    .isEqualTo(proposal.getTraceId());
            assertThat(proposal.getAttributes().get(VariantSpans.RUN_ID)).isEqualTo(run);
            assertThat(proposal.getAttributes().get(VariantSpans.VARIANT_ID)).isEqualTo(variantId);
            assertThat(proposal.getAttributes().get(VariantSpans.GENERATION)).isEqualTo(1L);
            assertThat(proposal.getAttributes().get(VariantSpans.AGENT_ID)).isEqualTo(assignment.targetAgentId());
        }
    }

    private static String traceparentOf(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Traces.TRACEPARENT);
        assertThat(header).as("traceparent of " + record.key()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
