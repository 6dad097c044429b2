package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import ai.darwin.memory.messaging.EventJournalConsumer;
import ai.darwin.events.run.RunRequested;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** memory-service on the real broker and the real MongoDB driver. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(MongoServerResource.class)
class JournalKafkaIT {

    @Inject
    EventJournal journal;

    KafkaCompanion companion;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers());
    }

    @AfterEach
    void close() {
        companion.close();
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheirReasonAndConsumptionGoesOn() {
        ConsumerTask<String, String> deadLetters = companion.consumeStrings()
                .fromTopics(Topics.DEAD_LETTERS.name(), 2, Duration.ofSeconds(60));
        RunRequested good = SampleEvents.runRequested("run-dlq");
        RunRequested missingId = SampleEvents.runRequested("run-dlq");
        String withoutEventId = EventCodec.write(missingId).replace("\"eventId\":\"" + missingId.eventId() + "\",", "");

        companion.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.RUNS.name(), "run-dlq", "{ this is not json"),
                new ProducerRecord<>(Topics.RUNS.name(), "run-dlq", withoutEventId),
                new ProducerRecord<>(Topics.RUNS.name(), "run-dlq", EventCodec.write(good))).awaitCompletion();

        deadLetters.awaitCompletion();
        ConsumerRecord<String, String> notJson = deadLetters.getRecords().get(0);
        ConsumerRecord<String, String> noId = deadLetters.getRecords().get(1);
        assertThat(notJson.value()).isEqualTo("{ this is not json");
        assertThat(header(notJson, "dead-letter-reason")).startsWith("not JSON");
        assertThat(header(notJson, "dead-letter-topic")).isEqualTo(Topics.RUNS.name());
        assertThat(header(noId, "dead-letter-reason")).contains("missing or blank required field 'eventId'");

        await().atMost(Duration.ofSeconds(30)).until(() -> journal.count("run-dlq") == 1);
        given().get("/runs/run-dlq/events").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].eventId", equalTo(good.eventId()));
    }

    @Test
    void aRedeliveredEventIsJournaledOnce() {
        RunRequested event = SampleEvents.runRequested("run-redelivered");
        String json = EventCodec.write(event);
        companion.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.RUNS.name(), event.runId(), json),
                new ProducerRecord<>(Topics.RUNS.name(), event.runId(), json)).awaitCompletion();
        RunRequested marker = SampleEvents.runRequested("run-redelivered");
        companion.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.RUNS.name(), event.runId(), EventCodec.write(marker))).awaitCompletion();

        // the marker is behind both copies on the same partition: once it is in, both copies were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> journal.count("run-redelivered") == 2);
        assertThat(journal.eventsOfRun("run-redelivered", null, 10))
                .extracting(d -> d.getString("_id")).containsExactly(event.eventId(), marker.eventId());
    }

    @Test
    void readinessReflectsTheBrokerAndTheStore() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "MongoDB connection health check"));
    }

    @Test
    void theJournalReadsEveryContractTopicButTheDeadLetters() {
        List<String> configured = List.of(ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming." + EventJournalConsumer.CHANNEL + ".topics", String[].class));
        assertThat(configured).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream()
                .filter(topic -> topic != Topics.DEAD_LETTERS).map(Topic::name).toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
