package ai.darwin.selection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.run.RunRequested;
import ai.darwin.platform.security.Roles;
import ai.darwin.platform.rest.RunAccepted;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A run request travels through the real broker as a CloudEvents 1.0 binary-mode record. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(MongoServerResource.class)
class RunsResourceIT {

    static final String CONFIG = """
            {"name":"it","population":4,"generations":3,
             "dataset":{"uri":"../shared/data/tinyshakespeare.txt","tokenizer":"char","validationFraction":0.1},
             "budget":{"maxTokens":100000,"maxSeconds":60},"preset":"cpu","mutator":"offline",
             "fitness":{"mode":"lexicographic","order":["val_bpb","mfu"],"weights":{}},
             "selection":{"elites":1,"tournamentSize":2,"assignmentPolicy":"others"},
             "stopAfterStagnantGenerations":0,"costCapUsd":0,"verificationSeeds":3,"verificationInterval":0,"seed":7}
            """;

    @Test
    void aRunRequestIsPublishedWithItsKeyAndCloudEventsHeaders() {
        RunAccepted accepted = asOperator().body(CONFIG).post("/runs")
                .then().statusCode(202).extract().as(RunAccepted.class);

        try (KafkaCompanion companion = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            ConsumerTask<String, String> records = companion.consumeStrings()
                    .fromTopics(Topics.RUNS.name(), stream -> stream.filter(r -> accepted.runId().equals(r.key())))
                    .awaitRecords(1, Duration.ofSeconds(30));
            ConsumerRecord<String, String> record = records.getRecords().stream()
                    .filter(r -> r.key().equals(accepted.runId())).findFirst().orElseThrow();

            RunRequested event = EventCodec.read(record.value(), RunRequested.class);
            assertThat(event.eventId()).isEqualTo(accepted.eventId());
            assertThat(event.config().population()).isEqualTo(4);
            assertThat(event.requestedBy()).isEqualTo("otto");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(event.eventId());
            assertThat(header(record, "ce_type")).isEqualTo("ai.darwin.RunRequested.v1");
            assertThat(header(record, "ce_source")).isEqualTo("urn:darwin:selection-service");
            assertThat(header(record, "ce_subject")).isEqualTo(accepted.runId());
            assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(event.timestamp());
            assertThat(header(record, "content-type")).isEqualTo("application/json");
        }
    }

    @Test
    void anInvalidConfigurationIsRejectedWithTheFieldItBreaks() {
        asOperator().body(CONFIG.replace("\"population\":4", "\"population\":1"))
                .post("/runs").then().statusCode(400).body(containsString("population"));
        asOperator().body("{ not json").post("/runs").then().statusCode(400);
    }

    private static RequestSpecification asOperator() {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer("otto", Roles.OPERATOR));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
