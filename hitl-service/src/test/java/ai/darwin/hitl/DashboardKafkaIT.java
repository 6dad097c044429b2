package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * hitl-service on the real broker and the real MongoDB driver: events in, the dashboard's API and decisions out, what
 * it cannot read to the dead letters.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(MongoServerResource.class)
class DashboardKafkaIT {

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
    void aRunsEventsOnTheTopicsBecomeItsLeaderboard() {
        ScriptedRun run = new ScriptedRun("run-kafka");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        Stream.of(run.live, run.closing, run.ending).flatMap(List::stream).forEach(event -> records.add(record(event)));
        records.add(new ProducerRecord<>(Topics.TRAINING_RESULTS.name(), "run-kafka-x", "{ not an event"));
        ConsumerTask<String, String> deadLetters = companion.consumeStrings()
                .fromTopics(Topics.DEAD_LETTERS.name(), 1, Duration.ofSeconds(60));
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));

        String api = "/api/runs/" + run.runId;
        // Topics are consumed independently, so the dashboard converges rather than moving in lock step; a
        // verification re-training must never appear on the leaderboard, not even before its proposal arrives.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get(api).then().statusCode(200).body("run.status", equalTo("COMPLETED"))
                    .body("run.verifiedImprovement", equalTo(true))
                    .body("generations.generation", contains(0, 1, 2));
            given().get(api + "/leaderboard").then().statusCode(200)
                    .body("variantId", everyItem(not(containsString("-g2-"))))
                    .body("variantId", contains(run.b2, run.b1, run.a1, run.baseline));
        });
        ConsumerRecord<String, String> deadLetter = deadLetters.awaitCompletion().getRecords().get(0);
        assertThat(deadLetter.value()).isEqualTo("{ not an event");
        assertThat(header(deadLetter, "dead-letter-reason")).startsWith("not JSON");
    }

    @Test
    void aDecisionIsPublishedOnTheApprovalsTopicWithItsCloudEventsHeaders() {
        ApprovalRequested request = new ApprovalRequested(Envelope.of("run-kafka-approval"), "req-population",
                ApprovalKind.LARGER_POPULATION, "agent-1", null, "population=6", "more diversity");
        companion.produceStrings().fromRecords(record(request)).awaitCompletion(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("status", "pending")
                .get("/runs/run-kafka-approval/approvals").path("size()").equals(1));

        ConsumerTask<String, String> approvals = companion.consumeStrings()
                .fromTopics(Topics.APPROVALS.name(), 2, Duration.ofSeconds(30));
        given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer("ada", Roles.APPROVER))
                .body("{\"approved\":true}")
                .post("/runs/run-kafka-approval/approvals/req-population/decision").then().statusCode(202);
        approvals.awaitCompletion();
        ConsumerRecord<String, String> decided = approvals.getRecords().stream()
                .filter(r -> r.value().contains("ApprovalDecided") && r.value().contains("req-population"))
                .findFirst().orElseThrow();
        assertThat(decided.key()).isEqualTo("run-kafka-approval");
        assertThat(EventCodec.read(decided.value(), ApprovalDecided.class).approved()).isTrue();
        assertThat(header(decided, "ce_type")).isEqualTo("ai.darwin.ApprovalDecided.v1");
        assertThat(header(decided, "ce_source")).isEqualTo("urn:darwin:hitl-service");
        given().queryParam("status", "decided").get("/runs/run-kafka-approval/approvals").then()
                .body("requestId", contains("req-population"));
    }

    @Test
    void theConsumerReadsEveryContractTopicButTheDeadLetters() {
        List<String> configured = List.of(ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming." + EventConsumer.CHANNEL + ".topics", String[].class));
        assertThat(configured).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream()
                .filter(topic -> topic != Topics.DEAD_LETTERS).map(Topic::name).toList());
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("Kafka connection health check", "MongoDB connection health check"));
    }

    private static ProducerRecord<String, String> record(DarwinEvent event) {
        return new ProducerRecord<>(ScriptedRun.topic(event), Topics.keyOf(event), EventCodec.write(event));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
