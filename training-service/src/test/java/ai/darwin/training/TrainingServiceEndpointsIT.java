package ai.darwin.training;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.ServiceEndpointsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class TrainingServiceEndpointsIT extends ServiceEndpointsContract {

    /** A worker is ready only once its calibration child has run: a few seconds after it starts. */
    @BeforeEach
    void awaitCalibration() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
