package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.EventCodec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.input.SmokeSteps;
import ai.darwin.platform.rest.RunAccepted;
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
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/runs: the dashboard's door to start a run, attacked with every role below operator and no token. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class RunRequestsResourceTest {

    private static final String TINYSHAKESPEARE =
            "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt";

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeEach
    void clear() {
        connector.sink(EventPublisher.RUNS).clear();
    }

    @Test
    void theFormOffersTheAllowedCorporaAndAWholeConfiguration() {
        RunConfig defaults = given().get("/api/run-form").then().statusCode(200)
                .body("datasets", equalTo(List.of(TINYSHAKESPEARE)))
                .body("mutators[0]", equalTo("optimizer"))
                .extract().jsonPath().getObject("defaults", RunConfig.class);
        assertThat(defaults.dataset().uri()).isEqualTo(TINYSHAKESPEARE);
        assertThat(defaults.population()).isEqualTo(4);
        assertThat(defaults.budget().maxTokens()).isEqualTo(150_000);
    }

    @Test
    void anOperatorStartsARunRecordedByTheTokensName() {
        String config = form();
        RunAccepted accepted = with(TestTokens.bearer("otto", Roles.OPERATOR)).body(config).post("/api/runs").then()
                .statusCode(202).extract().as(RunAccepted.class);

        InMemorySink<String> sink = connector.sink(EventPublisher.RUNS);
        assertThat(sink.received()).hasSize(1);
        Message<String> message = sink.received().get(0);
        RunRequested requested = EventCodec.read(message.getPayload(), RunRequested.class);
        assertThat(requested.runId()).isEqualTo(accepted.runId());
        assertThat(requested.eventId()).isEqualTo(accepted.eventId());
        assertThat(requested.requestedBy()).isEqualTo("otto");
        assertThat(requested.config().dataset().uri()).isEqualTo(TINYSHAKESPEARE);
        // the form names no smoke step: the request gets its mutator's, as ./darwin run --smoke-steps auto does
        assertThat(requested.config().budget().smokeSteps())
                .isEqualTo(SmokeSteps.auto(requested.config().mutator()));
        assertThat(message.getMetadata(OutgoingCloudEventMetadata.class)).hasValueSatisfying(
                ce -> assertThat(ce.getType()).isEqualTo("ai.darwin.RunRequested.v1"));
    }

    @Test
    void noTokenIsA401AndEveryRoleBelowOperatorA403WithAJsonReason() {
        String config = form();
        given().contentType(ContentType.JSON).body(config).post("/api/runs").then().statusCode(401)
                .contentType(ContentType.JSON).body("status", equalTo(401))
                .body("error", containsString("Authorization: Bearer"));
        with("Bearer " + TestTokens.forged("otto", Roles.OPERATOR)).body(config).post("/api/runs").then()
                .statusCode(401);
        for (String role : new String[] {Roles.VIEWER, Roles.APPROVER}) {
            with(TestTokens.bearer("someone", role)).body(config).post("/api/runs").then().statusCode(403)
                    .contentType(ContentType.JSON).body("status", equalTo(403))
                    .body("error", containsString("operators start runs"));
        }
        assertThat(connector.sink(EventPublisher.RUNS).received()).isEmpty();
    }

    @Test
    void aDatasetOutsideTheAllowListOrAnUnknownPolicyIsA400ThatSaysWhy() {
        for (String dataset : new String[] {"/etc/passwd", "http://169.254.169.254/latest/meta-data/",
                "https://intranet.example/corpus.txt"}) {
            with(TestTokens.bearer("otto", Roles.OPERATOR)).body(form().replace(TINYSHAKESPEARE, dataset))
                    .post("/api/runs").then().statusCode(400).body("status", equalTo(400))
                    .body("error", containsString("dataset '" + dataset + "' is not allowed"));
        }
        with(TestTokens.bearer("otto", Roles.OPERATOR)).body(form().replace("\"others\"", "\"everyone\""))
                .post("/api/runs").then().statusCode(400)
                .body("error", containsString("assignment policy must be others, self or random"));
        with(TestTokens.bearer("otto", Roles.OPERATOR)).body("").post("/api/runs").then().statusCode(400)
                .body("status", equalTo(400));
        assertThat(connector.sink(EventPublisher.RUNS).received()).isEmpty();
    }

    /** The form's defaults as JSON, as the page sends them when nothing is changed (the last field of the form). */
    private static String form() {
        String body = given().get("/api/run-form").then().statusCode(200).extract().asString();
        return body.substring(body.indexOf("\"defaults\":") + "\"defaults\":".length(), body.lastIndexOf('}'));
    }

    private static RequestSpecification with(String authorization) {
        return given().contentType(ContentType.JSON).header("Authorization", authorization);
    }
}
