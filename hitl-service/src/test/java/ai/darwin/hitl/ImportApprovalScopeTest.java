package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approver may grant a NEW_IMPORT to the asking variant's lineage alone: the decision carries the scope that
 * mutation-service honours, the whole run when none is given, and an unknown scope is refused with the reason.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class ImportApprovalScopeTest {

    private static final String RUN = "run-import-scope";

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void clear() {
        connector.sink(EventPublisher.APPROVALS).clear();
    }

    @Test
    void aNewImportIsGrantedToTheLineageOrTheRunAsTheApproverSays() {
        ask("imp-lineage");
        ask("imp-run");
        ask("imp-bad");

        decide("imp-bad", "{\"approved\":true,\"scope\":\"everyone\"}").statusCode(400)
                .body("error", containsString("'scope'"));
        assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();
        decide("imp-lineage", "{\"approved\":true,\"scope\":\"lineage\"}").statusCode(202);
        decide("imp-run", "{\"approved\":true}").statusCode(202);

        InMemorySink<String> sink = connector.sink(EventPublisher.APPROVALS);
        assertThat(sink.received()).extracting(m -> EventCodec.read(m.getPayload(), ApprovalDecided.class))
                .extracting(ApprovalDecided::requestId, ApprovalDecided::scope)
                .containsExactly(tuple("imp-lineage", ApprovalScope.LINEAGE),
                        tuple("imp-run", ApprovalScope.RUN));
    }

    private static ValidatableResponse decide(String requestId, String body) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer("ada", Roles.APPROVER))
                .body(body).post("/runs/" + RUN + "/approvals/" + requestId + "/decision").then();
    }

    private void ask(String requestId) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(new ApprovalRequested(Envelope.of(RUN),
                requestId, ApprovalKind.NEW_IMPORT, "agent-2", "v-7", "java.util.random.RandomGenerator",
                "seeded draws")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/runs/" + RUN + "/approvals")
                .path("requestId").toString().contains(requestId));
    }
}
