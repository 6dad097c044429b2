package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.run.RunRequested;
import ai.darwin.memory.messaging.EventJournalConsumer;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class EventJournalTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    EventJournal journal;

    @Test
    void storesEachEventOnceHoweverOftenItIsDelivered() {
        RunRequested event = SampleEvents.runRequested("run-dup");
        InMemorySource<ConsumerRecord<String, String>> source = connector.source(EventJournalConsumer.CHANNEL);
        String json = EventCodec.write(event);
        source.send(new ConsumerRecord<>(Topics.RUNS.name(), 0, 0, event.runId(), json));
        source.send(new ConsumerRecord<>(Topics.RUNS.name(), 0, 0, event.runId(), json));
        source.send(new ConsumerRecord<>(Topics.RUNS.name(), 1, 7, event.runId(), json));

        await().atMost(Duration.ofSeconds(10)).until(() -> journal.count("run-dup") >= 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> journal.count("run-dup") == 1);

        given().get("/runs/run-dup/events").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].eventId", equalTo(event.eventId()))
                .body("[0].type", equalTo("RunRequested"))
                .body("[0].config.population", equalTo(4));
    }

    @Test
    void filtersARunsEventsByType() {
        InMemorySource<ConsumerRecord<String, String>> source = connector.source(EventJournalConsumer.CHANNEL);
        source.send(record(Topics.RUNS.name(), EventCodec.write(SampleEvents.runRequested("run-types"))));
        source.send(record(Topics.INTERVENTIONS.name(), EventCodec.write(SampleEvents.guidance("run-types", "go wider"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> journal.count("run-types") == 2);
        given().queryParam("type", "HumanIntervention").get("/runs/run-types/events").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].message", equalTo("go wider"));
        assertThat(journal.eventsOfRun("run-types", null, 10)).hasSize(2);
    }

    @Test
    void rejectsAnUnknownTypeFilterWithAMessage() {
        given().queryParam("type", "NoSuchEvent").get("/runs/any/events").then().statusCode(400)
                .body(containsString("unknown event type 'NoSuchEvent'"));
    }

    private static ConsumerRecord<String, String> record(String topic, String json) {
        return new ConsumerRecord<>(topic, 0, 0, "key", json);
    }
}
