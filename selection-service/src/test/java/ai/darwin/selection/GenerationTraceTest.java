package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * selection-service continues each variant's trace while it handles the variant's proposal and result, and sends
 * the GenerationClosed in a span linked to every variant's trace (what each record's traceparent named).
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class GenerationTraceTest {

    @Inject
    ChannelDriver channels;
    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    InMemorySpanExporter spans;

    @Test
    void theCloseOfAGenerationLinksToTheTraceOfEachOfItsVariants() {
        String run = "run-traced";
        GenerationOpened g0 = channels.start(run, 1, 0);
        Map<String, String> traceIds = new HashMap<>();
        for (Assignment assignment : g0.assignments()) {
            String variantId = variantId(assignment);
            String traceparent = newTraceparent();
            traceIds.put(variantId, Traces.spanContext(Traces.fromTraceparent(traceparent)).getTraceId());
            if (assignment.kind() == AssignmentKind.MUTATE) {
                send(SelectionConsumers.VARIANTS, proposal(g0, assignment), traceparent);
            }
            send(SelectionConsumers.RESULTS, completed(run, 0, variantId, 2.0), traceparent);
        }

        channels.closed(run, 0);
        Message<String> closedMessage = connector.<String>sink(EventPublisher.GENERATIONS).received().stream()
                .filter(m -> EventCodec.readAny(m.getPayload()) instanceof GenerationClosed c && c.runId().equals(run))
                .findFirst().orElseThrow();
        SpanContext sentIn = Traces.spanContext(TracingMetadata.fromMessage(closedMessage).orElseThrow()
                .getCurrentContext());
        SpanData closing = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("close generation 0") && run.equals(
                        s.getAttributes().get(VariantSpans.RUN_ID))).findFirst(), s -> s.isPresent()).get();

        assertThat(closing.getSpanContext()).isEqualTo(sentIn);
        Map<String, String> linked = new HashMap<>();
        for (LinkData link : closing.getLinks()) {
            linked.put(link.getAttributes().get(VariantSpans.VARIANT_ID), link.getSpanContext().getTraceId());
        }
        assertThat(linked).isEqualTo(traceIds);
        for (Map.Entry<String, String> variant : traceIds.entrySet()) {
            assertThat(spans.getFinishedSpanItems()).as("the handling of %s's result", variant.getKey())
                    .anySatisfy(s -> {
                        assertThat(s.getName()).isEqualTo("handle TrainingCompleted");
                        assertThat(s.getAttributes().get(VariantSpans.VARIANT_ID)).isEqualTo(variant.getKey());
                        assertThat(s.getTraceId()).isEqualTo(variant.getValue());
                    });
        }
    }

    private void send(String channel, DarwinEvent event, String traceparent) {
        connector.source(channel).send(Message.of(EventCodec.write(event))
                .addMetadata(TracingMetadata.withPrevious(Traces.fromTraceparent(traceparent))));
    }

    private static String newTraceparent() {
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(ThreadLocalRandom.current().nextLong())
                + hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + "-"
                + hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + "-01";
    }
}
