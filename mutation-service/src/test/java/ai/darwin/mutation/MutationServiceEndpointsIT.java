package ai.darwin.mutation;

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
class MutationServiceEndpointsIT extends ServiceEndpointsContract {

    /** Readiness also waits for the compile check's warm-up, a few seconds after start. */
    @BeforeEach
    void awaitWarmCompiler() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
