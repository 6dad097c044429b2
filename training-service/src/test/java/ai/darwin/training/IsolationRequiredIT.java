package ai.darwin.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A worker that cannot isolate untrusted code (here: bubblewrap configured at a path that does not exist) and was
 * not allowed to run it unisolated: it says why in its readiness, joins no consumer group and trains nothing, so
 * its variants stay for other workers.
 */
@QuarkusTest
@TestProfile(IsolationRequiredIT.MissingBubblewrap.class)
@WithTestResource(KafkaBrokerResource.class)
class IsolationRequiredIT {

    public static class MissingBubblewrap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("darwin.training.sandbox.bwrap", "/nonexistent/bwrap");
        }
    }

    @Test
    void theWorkerIsNotReadyTakesNoPartitionsAndTrainsNothing() throws Exception {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'training sandbox' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'training sandbox' }.data.reason", containsString("/nonexistent/bwrap"))
                .body("checks.find { it.name == 'training sandbox' }.data.reason",
                        containsString("DARWIN_TRAINING_SANDBOX_ALLOW_UNISOLATED"))
                .body("checks.name", hasItem("training sandbox"));

        try (KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            ConsumerTask<String, String> progress = kafka.consumeStrings().fromTopics(Topics.TRAINING_PROGRESS.name());
            VariantProposed variant = Variants.variant("run-isolation-required", Variants.newId("refused"),
                    TestPrograms.hostile(""), new TrainingBudget(64, 0));
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                    EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));
            Thread.sleep(5000);
            assertThat(progress.getRecords()).noneMatch(r -> r.value().contains(variant.variantId()));
            progress.close();
        }
        assertThat(ConsumerGroups.trainingMembers()).as("members of the training consumer group").isZero();
    }
}
