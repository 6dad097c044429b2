package ai.darwin.hitl;

import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.metrics.ApprovalMetrics;
import ai.darwin.testing.MongoServerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pending approvals gauge follows requests and decisions arriving on the approvals topic. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class ApprovalMetricsTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ApprovalMetrics metrics;
    @Inject
    MeterRegistry registry;

    @Test
    void countsTheRequestsWaitingForADecision() {
        String run = "run-approval-metrics";
        metrics.refresh();
        double before = pending();

        send(new ApprovalRequested(Envelope.of(run), "req-m1", ApprovalKind.MORE_BUDGET, "agent-1", null,
                "maxTokens=1000", "still learning"));
        send(new ApprovalRequested(Envelope.of(run), "req-m2", ApprovalKind.NEW_IMPORT, "agent-2", null,
                "java.util.concurrent", "a thread pool"));
        awaitPending(before + 2);

        send(new ApprovalDecided(Envelope.of(run), "req-m1", true, "ada", null));
        awaitPending(before + 1);
    }

    private void awaitPending(double expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            metrics.refresh();
            return pending() == expected;
        });
    }

    private double pending() {
        return registry.get(ApprovalMetrics.PENDING).gauge().value();
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
