package ai.darwin.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker whose calibration child fails (here: it may not take the time it needs) says so and takes nothing. */
@QuarkusTest
@TestProfile(CalibrationFailedIT.NoTimeToCalibrate.class)
@WithTestResource(KafkaBrokerResource.class)
class CalibrationFailedIT {

    public static class NoTimeToCalibrate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("darwin.training.sandbox.calibration-timeout", "PT0.05S");
        }
    }

    @Test
    void theWorkerIsNotReadyAndSaysWhy() throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'training sandbox' }.data.reason",
                        containsString("calibration failed: the calibration child did not finish within 0 s")));

        assertThat(ConsumerGroups.trainingMembers()).as("members of the training consumer group").isZero();
    }
}
