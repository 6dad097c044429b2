package ai.darwin.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingFailed;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The same missing bubblewrap, with the operator's explicit allow-unisolated: the worker trains, and its readiness
 * says that its children run without the OS-level wall.
 */
@QuarkusTest
@TestProfile(UnisolatedAllowedIT.AllowedWithoutBubblewrap.class)
@WithTestResource(KafkaBrokerResource.class)
class UnisolatedAllowedIT {

    public static class AllowedWithoutBubblewrap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("darwin.training.sandbox.bwrap", "/nonexistent/bwrap",
                    "darwin.training.sandbox.allow-unisolated", "true");
        }
    }

    @Test
    void theWorkerTrainsAndSaysItRunsUnisolated() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'training sandbox' }.data.unisolated", equalTo(true))
                .body("checks.find { it.name == 'training sandbox' }.data.containment",
                        containsString("no OS-level isolation"));

        try (KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            ConsumerTask<String, String> results = kafka.consumeStrings().fromTopics(Topics.TRAINING_RESULTS.name());
            VariantProposed variant = Variants.variant("run-unisolated-allowed", Variants.newId("allowed"),
                    TestPrograms.hostile("System.exit(0);"), new TrainingBudget(64, 0));
            kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.VARIANTS.name(), variant.variantId(),
                    EventCodec.write(variant))).awaitCompletion(Duration.ofSeconds(30));

            TrainingFailed failed = await().atMost(Duration.ofSeconds(90)).until(() -> results.getRecords().stream()
                    .map(ConsumerRecord::value).map(EventCodec::readAny).filter(TrainingFailed.class::isInstance)
                    .map(TrainingFailed.class::cast).filter(f -> f.variantId().equals(variant.variantId()))
                    .findFirst().orElse(null), f -> f != null);
            assertThat(failed.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
            results.close();
        }
    }
}
