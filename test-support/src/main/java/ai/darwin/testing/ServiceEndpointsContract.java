package ai.darwin.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * What every Darwin service serves to operators. A service's test extends this, annotated with
 * {@code @QuarkusTest} and {@code @WithTestResource(KafkaBrokerResource.class)}.
 */
public abstract class ServiceEndpointsContract {

    @Test
    public void readinessIsUpAndReflectsTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    public void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    public void openApiIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", startsWith("3."));
    }
}
