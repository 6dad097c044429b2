package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every door that changes state, attacked without a token, with bad tokens and with too small a role. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class AccessControlTest {

    private static final String RUN = "run-guarded";
    private static final String GUIDANCE = "{\"kind\":\"GUIDANCE\",\"message\":\"try a wider MLP\"}";

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void clear() {
        connector.sink(EventPublisher.APPROVALS).clear();
        connector.sink(EventPublisher.INTERVENTIONS).clear();
    }

    @Test
    void aDecisionWithoutAValidTokenIsA401WithAJsonReason() {
        pending("req-401");
        String decision = "/runs/" + RUN + "/approvals/req-401/decision";
        given().contentType(ContentType.JSON).body("{\"approved\":true,\"by\":\"ada\"}").post(decision).then()
                .statusCode(401).contentType(ContentType.JSON).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("error", containsString("Authorization: Bearer"));
        for (String token : new String[] {TestTokens.forged("ada", Roles.OPERATOR),
                TestTokens.expired("ada", Roles.OPERATOR), "not-a-jwt"}) {
            with("Bearer " + token).body("{\"approved\":true}").post(decision).then().statusCode(401)
                    .body("status", equalTo(401)).body("error", equalTo("the bearer token is invalid or expired"));
        }
        assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();
        given().queryParam("status", "pending").get("/runs/" + RUN + "/approvals").then().statusCode(200)
                .body("requestId", hasItem("req-401"));
    }

    @Test
    void aViewerMayReadButNotDecide() {
        pending("req-viewer");
        with(TestTokens.bearer("val", Roles.VIEWER)).body("{\"approved\":true}")
                .post("/runs/" + RUN + "/approvals/req-viewer/decision").then().statusCode(403)
                .body("status", equalTo(403)).body("error", containsString("approvers decide approvals"));
        with(TestTokens.bearer("val", "someone-else")).body("{\"approved\":true}")
                .post("/runs/" + RUN + "/approvals/req-viewer/decision").then().statusCode(403);
        assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();
    }

    @Test
    void anOperatorDecidesTooAndIsRecordedByName() {
        pending("req-operator");
        with(TestTokens.bearer("otto", Roles.OPERATOR)).body("{\"approved\":false,\"by\":\"someone else\"}")
                .post("/runs/" + RUN + "/approvals/req-operator/decision").then().statusCode(202)
                .body("decidedBy", equalTo("otto"));
        InMemorySink<String> sink = connector.sink(EventPublisher.APPROVALS);
        ApprovalDecided decided = EventCodec.read(sink.received().get(0).getPayload(), ApprovalDecided.class);
        assertThat(decided.decidedBy()).isEqualTo("otto");
    }

    @Test
    void onlyAnOperatorIntervenes() {
        String interventions = "/runs/" + RUN + "/interventions";
        given().contentType(ContentType.JSON).body(GUIDANCE).post(interventions).then().statusCode(401)
                .body("status", equalTo(401));
        with("Bearer " + TestTokens.forged("otto", Roles.OPERATOR)).body(GUIDANCE).post(interventions).then()
                .statusCode(401);
        with(TestTokens.bearer("val", Roles.VIEWER)).body(GUIDANCE).post(interventions).then().statusCode(403)
                .body("status", equalTo(403));
        with(TestTokens.bearer("april", Roles.APPROVER)).body("{\"kind\":\"STOP\",\"message\":\"enough\"}")
                .post(interventions).then().statusCode(403);
        assertThat(connector.sink(EventPublisher.INTERVENTIONS).received()).isEmpty();

        with(TestTokens.bearer("otto", Roles.OPERATOR)).body("{\"kind\":\"PAUSE\",\"message\":\"lunch\"}")
                .post(interventions).then().statusCode(202).body("by", equalTo("otto"));
        assertThat(connector.sink(EventPublisher.INTERVENTIONS).received()).hasSize(1);
    }

    private static RequestSpecification with(String authorization) {
        return given().contentType(ContentType.JSON).header("Authorization", authorization);
    }

    private void pending(String requestId) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(new ApprovalRequested(Envelope.of(RUN),
                requestId, ApprovalKind.MORE_BUDGET, "agent-1", null, "maxTokens=1000, maxSeconds=60", "more")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/runs/" + RUN + "/approvals")
                .jsonPath().getList("requestId").contains(requestId));
    }
}
