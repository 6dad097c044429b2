package ai.darwin.memory;

import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.run.RunRequested;
import ai.darwin.memory.messaging.EventJournalConsumer;
import ai.darwin.memory.metrics.JournalMetrics;
import ai.darwin.testing.MongoServerResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Events journaled, and redeliveries recognised, counted by type through the in-memory channel. */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class JournalMetricsTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    MeterRegistry registry;

    @Test
    void countsJournaledEventsAndRedeliveriesByType() {
        double journaled = count(JournalMetrics.JOURNALED);
        double redelivered = count(JournalMetrics.REDELIVERED);
        RunRequested event = SampleEvents.runRequested("run-journal-metrics");
        InMemorySource<ConsumerRecord<String, String>> source = connector.source(EventJournalConsumer.CHANNEL);
        String json = EventCodec.write(event);
        source.send(new ConsumerRecord<>(Topics.RUNS.name(), 0, 0, event.runId(), json));
        source.send(new ConsumerRecord<>(Topics.RUNS.name(), 0, 0, event.runId(), json));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(JournalMetrics.JOURNALED) == journaled + 1
                && count(JournalMetrics.REDELIVERED) == redelivered + 1);
    }

    private double count(String name) {
        Counter counter = registry.find(name).tag("type", "RunRequested").counter();
        return counter == null ? 0 : counter.count();
    }
}
