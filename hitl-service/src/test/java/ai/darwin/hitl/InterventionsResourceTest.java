package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class InterventionsResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void clear() {
        connector.sink(EventPublisher.INTERVENTIONS).clear();
    }

    @Test
    void guidanceBecomesAHumanInterventionEventOfTheRun() {
        asOperator()
                .body("{\"kind\":\"GUIDANCE\",\"message\":\"try rotary embeddings\",\"by\":\"mallory\"}")
                .post("/runs/run-1/interventions").then().statusCode(202);

        InMemorySink<String> sink = connector.sink(EventPublisher.INTERVENTIONS);
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.received().size() == 1);
        Message<String> message = sink.received().get(0);
        HumanIntervention event = EventCodec.read(message.getPayload(), HumanIntervention.class);
        assertThat(event.runId()).isEqualTo("run-1");
        assertThat(event.kind()).isEqualTo(InterventionKind.GUIDANCE);
        assertThat(event.message()).isEqualTo("try rotary embeddings");
        assertThat(event.by()).as("the token's name, not the body's").isEqualTo("ada");
        assertThat(message.getMetadata(OutgoingCloudEventMetadata.class)).hasValueSatisfying(
                ce -> assertThat(ce.getType()).isEqualTo("ai.darwin.HumanIntervention.v1"));
    }

    @Test
    void aVetoWithoutAVariantIsRejectedAndNothingIsPublished() {
        asOperator().body("{\"kind\":\"VETO\",\"message\":\"no\",\"by\":\"ada\"}")
                .post("/runs/run-1/interventions").then().statusCode(400)
                .body(containsString("VETO needs a variantId"));
        asOperator().body("{\"kind\":\"EXPLODE\",\"message\":\"no\",\"by\":\"ada\"}")
                .post("/runs/run-1/interventions").then().statusCode(400)
                .body(containsString("EXPLODE"));
        assertThat(connector.sink(EventPublisher.INTERVENTIONS).received()).isEmpty();
    }

    private static RequestSpecification asOperator() {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer("ada", Roles.OPERATOR));
    }
}
