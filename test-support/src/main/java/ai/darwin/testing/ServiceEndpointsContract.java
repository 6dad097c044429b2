package ai.darwin.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import ai.darwin.events.Topics;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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

    @Test
    public void everyIncomingKafkaChannelSendsWhatItCannotHandleToTheDeadLetterTopic() {
        Config config = ConfigProvider.getConfig();
        List<String> channels = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("mp.messaging.incoming.") && name.endsWith(".connector"))
                .filter(name -> "smallrye-kafka".equals(config.getValue(name, String.class)))
                .map(name -> name.substring("mp.messaging.incoming.".length(), name.length() - ".connector".length()))
                .toList();
        for (String channel : channels) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            assertThat(config.getOptionalValue(prefix + "failure-strategy", String.class))
                    .as(channel + " failure-strategy").hasValue("dead-letter-queue");
            assertThat(config.getOptionalValue(prefix + "dead-letter-queue.topic", String.class))
                    .as(channel + " dead-letter-queue.topic").hasValue(Topics.DEAD_LETTERS.name());
        }
    }
}
