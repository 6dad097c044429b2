package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Sha256;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An approved MORE_DATA grants a corpus on the allow-list, no larger than the cap, with the SHA-256 read at approval
 * and the scope the approver chose; anything else is refused with the reason, and a refusal grants nothing.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class MoreDataApprovalTest {

    private static final String RUN = "run-more-data";

    @Inject
    @Any
    InMemoryConnector connector;

    private Path corpus;

    @BeforeEach
    void corpus() throws Exception {
        connector.sink(EventPublisher.APPROVALS).clear();
        corpus = Files.writeString(Files.createDirectories(Path.of("target/corpora")).resolve("sonnets.txt"),
                "Shall I compare thee to a summer's day?\n").toAbsolutePath();
    }

    @Test
    void anApprovedCorpusIsChecksummedAndScopedToTheRequestersLineage() throws Exception {
        ask("req-lineage", corpus.toString());

        asApprover("ada").body("{\"approved\":true,\"scope\":\"lineage\",\"weight\":2}")
                .post("/runs/" + RUN + "/approvals/req-lineage/decision").then().statusCode(202)
                .body("scope", equalTo("LINEAGE")).body("corpus.agentId", equalTo("agent-2"));

        ApprovalDecided decided = published();
        assertThat(decided.scope()).isEqualTo(ApprovalScope.LINEAGE);
        assertThat(decided.corpus()).isEqualTo(new ExtraCorpus(corpus.toString(), Sha256.of(corpus), 2, "agent-2",
                "req-lineage"));
    }

    @Test
    void theApproverMayNameTheCorpusAndItsChecksumForTheWholeRun() throws Exception {
        ask("req-run", "more Shakespeare, please");

        asApprover("ada").body("{\"approved\":true,\"corpus\":\"" + corpus + "\",\"sha256\":\"" + Sha256.of(corpus)
                        + "\"}")
                .post("/runs/" + RUN + "/approvals/req-run/decision").then().statusCode(202);

        ApprovalDecided decided = published();
        assertThat(decided.scope()).isEqualTo(ApprovalScope.RUN);
        assertThat(decided.corpus().agentId()).isNull();
        assertThat(decided.corpus().appliesTo("any-agent")).isTrue();
    }

    @Test
    void aCorpusOutsideTheAllowListAnotherChecksumOrAboveTheCapIsRefused() throws Exception {
        ask("req-bad", "/etc/passwd");
        Path large = Files.writeString(corpus.resolveSibling("large.txt"), "x".repeat(2048));

        asApprover("ada").body("{\"approved\":true}")
                .post("/runs/" + RUN + "/approvals/req-bad/decision").then().statusCode(400)
                .body("error", containsString("is not allowed"));
        asApprover("ada").body("{\"approved\":true,\"corpus\":\"" + corpus + "\",\"sha256\":\"" + "0".repeat(64)
                        + "\"}")
                .post("/runs/" + RUN + "/approvals/req-bad/decision").then().statusCode(400)
                .body("error", containsString("has SHA-256 " + Sha256.of(corpus)));
        asApprover("ada").body("{\"approved\":true,\"corpus\":\"" + large + "\"}")
                .post("/runs/" + RUN + "/approvals/req-bad/decision").then().statusCode(400)
                .body("error", containsString("larger than the cap of 1024 bytes"));
        asApprover("ada").body("{\"approved\":true,\"corpus\":\"" + corpus + "\",\"scope\":\"everyone\"}")
                .post("/runs/" + RUN + "/approvals/req-bad/decision").then().statusCode(400)
                .body("error", containsString("'scope'"));
        assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();

        asApprover("ada").body("{\"approved\":false,\"comment\":\"not that file\"}")
                .post("/runs/" + RUN + "/approvals/req-bad/decision").then().statusCode(202);
        ApprovalDecided declined = published();
        assertThat(declined.corpus()).isNull();
        assertThat(declined.scope()).isNull();
    }

    @Test
    void aUrlThatRedirectsOutsideTheAllowListIsRefusedWithTheReason() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sonnets.txt", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/internal");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            ask("req-redirect", "http://127.0.0.1:" + server.getAddress().getPort() + "/sonnets.txt");

            asApprover("ada").body("{\"approved\":true}")
                    .post("/runs/" + RUN + "/approvals/req-redirect/decision").then().statusCode(400)
                    .body("error", containsString("redirects to 'http://localhost:"))
                    .body("error", containsString("host 'localhost' is not allowed"));
            assertThat(connector.sink(EventPublisher.APPROVALS).received()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    private void ask(String requestId, String detail) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(new ApprovalRequested(Envelope.of(RUN),
                requestId, ApprovalKind.MORE_DATA, "agent-2", null, detail, "the loss still falls")));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/runs/" + RUN + "/approvals")
                .path("requestId").toString().contains(requestId));
    }

    private ApprovalDecided published() {
        InMemorySink<String> sink = connector.sink(EventPublisher.APPROVALS);
        assertThat(sink.received()).hasSize(1);
        return EventCodec.read(sink.received().get(0).getPayload(), ApprovalDecided.class);
    }

    private static RequestSpecification asApprover(String name) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(name, Roles.APPROVER));
    }
}
