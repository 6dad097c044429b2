package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.DarwinEvent;
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
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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
class ApprovalsResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void clear() {
        connector.sink(EventPublisher.APPROVALS).clear();
    }

    @Test
    void aPendingRequestIsDecidedOnceAndTheDecisionIsPublished() {
        String run = "run-approvals";
        ApprovalRequested budget = request(run, "req-budget", ApprovalKind.MORE_BUDGET, "maxTokens=400000, maxSeconds=120");
        ApprovalRequested importing = request(run, "req-import", ApprovalKind.NEW_IMPORT, "java.util.concurrent");
        send(budget);
        send(budget);
        send(importing);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().queryParam("status", "pending")
                .get("/runs/" + run + "/approvals").path("size()").equals(2));
        given().queryParam("status", "pending").get("/runs/" + run + "/approvals").then().statusCode(200)
                .body("requestId", contains("req-budget", "req-import"))
                .body("[0].kind", equalTo("MORE_BUDGET"))
                .body("[0].detail", equalTo("maxTokens=400000, maxSeconds=120"))
                .body("[0].agentId", equalTo("agent-2"))
                .body("[0].status", equalTo("pending"));

        // the body's 'by' is an old client's self-declaration: the decision records the token's name instead
        asApprover("ada").body("{\"approved\":true,\"by\":\"mallory\",\"comment\":\"go ahead\"}")
                .post("/runs/" + run + "/approvals/req-budget/decision").then().statusCode(202)
                .body("type", equalTo("ApprovalDecided")).body("requestId", equalTo("req-budget"))
                .body("approved", equalTo(true)).body("decidedBy", equalTo("ada"));

        InMemorySink<String> sink = connector.sink(EventPublisher.APPROVALS);
        assertThat(sink.received()).hasSize(1);
        Message<String> message = sink.received().get(0);
        ApprovalDecided decided = EventCodec.read(message.getPayload(), ApprovalDecided.class);
        assertThat(decided.runId()).isEqualTo(run);
        assertThat(decided.requestId()).isEqualTo("req-budget");
        assertThat(decided.approved()).isTrue();
        assertThat(decided.comment()).isEqualTo("go ahead");
        assertThat(decided.decidedBy()).isEqualTo("ada");
        assertThat(message.getMetadata(OutgoingCloudEventMetadata.class)).hasValueSatisfying(
                ce -> assertThat(ce.getType()).isEqualTo("ai.darwin.ApprovalDecided.v1"));
        assertThat(message.getMetadata(OutgoingKafkaRecordMetadata.class)).hasValueSatisfying(
                kafka -> assertThat(kafka.getKey()).isEqualTo(run));

        given().queryParam("status", "pending").get("/runs/" + run + "/approvals").then()
                .body("requestId", contains("req-import"));
        given().queryParam("status", "DECIDED").get("/runs/" + run + "/approvals").then()
                .body("requestId", contains("req-budget")).body("[0].approved", equalTo(true))
                .body("[0].decidedBy", equalTo("ada")).body("[0].comment", equalTo("go ahead"));
        asApprover("bob").body("{\"approved\":false}")
                .post("/runs/" + run + "/approvals/req-budget/decision").then().statusCode(409)
                .body("error", equalTo("approval request req-budget was already approved by ada"));
        assertThat(sink.received()).hasSize(1);

        // the published decision comes back on the topic, and the request is redelivered: nothing changes
        send(decided);
        send(budget);
        // a decision taken elsewhere (another dashboard) arrives on the topic
        send(new ApprovalDecided(Envelope.of(run), "req-import", false, "bob", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().queryParam("status", "decided")
                .get("/runs/" + run + "/approvals").path("size()").equals(2));
        given().get("/runs/" + run + "/approvals").then()
                .body("requestId", contains("req-budget", "req-import"))
                .body("approved", contains(true, false)).body("decidedBy", contains("ada", "bob"));
        asApprover("ada").body("{\"approved\":true}")
                .post("/runs/" + run + "/approvals/req-import/decision").then().statusCode(409)
                .body("error", containsString("already refused by bob"));
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void unknownRequestsAndIncompleteDecisionsAreRejected() {
        send(request("run-other", "req-elsewhere", ApprovalKind.LARGER_POPULATION, "population=6"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/runs/run-other/approvals")
                .path("size()").equals(1));

        asApprover("ada").body("{\"approved\":true}")
                .post("/runs/run-other/approvals/req-nobody-made/decision").then().statusCode(404)
                .body("error", equalTo("run run-other has no approval request req-nobody-made"));
        asApprover("ada").body("{\"approved\":true}")
                .post("/runs/run-approvals-x/approvals/req-elsewhere/decision").then().statusCode(404);
        asApprover("ada").body("{\"comment\":\"fine\"}")
                .post("/runs/run-other/approvals/req-elsewhere/decision").then().statusCode(400)
                .body("error", containsString("'approved'"));
        given().queryParam("status", "maybe").get("/runs/run-other/approvals").then().statusCode(400)
                .body("error", equalTo("status must be pending or decided, not 'maybe'"));
        given().queryParam("status", "pending").get("/runs/run-other/approvals").then()
                .body("requestId", contains("req-elsewhere"));
        assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();
    }

    private static RequestSpecification asApprover(String name) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(name, Roles.APPROVER));
    }

    private static ApprovalRequested request(String run, String requestId, ApprovalKind kind, String detail) {
        return new ApprovalRequested(Envelope.of(run), requestId, kind, "agent-2", null, detail,
                "the loss is still falling at the end of the budget");
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
