package ai.darwin.selection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.run.RunRequested;
import ai.darwin.platform.security.Roles;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.platform.rest.RunAccepted;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** POST /runs, attacked without a token, with bad tokens and with every role below operator. */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class RunsAccessTest {

    @Inject
    ChannelDriver channels;

    @Test
    void onlyAnOperatorStartsARunAndTheRunRecordsWho() {
        int published = channels.<String>sinkSize(EventPublisher.RUNS);
        given().contentType(ContentType.JSON).body(RunsResourceIT.CONFIG).post("/runs").then().statusCode(401)
                .contentType(ContentType.JSON).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("error", containsString("Authorization: Bearer"));
        for (String token : new String[] {TestTokens.forged("otto", Roles.OPERATOR),
                TestTokens.expired("otto", Roles.OPERATOR), "garbage"}) {
            with("Bearer " + token).body(RunsResourceIT.CONFIG).post("/runs").then().statusCode(401)
                    .body("error", equalTo("the bearer token is invalid or expired"));
        }
        for (String role : new String[] {Roles.VIEWER, Roles.APPROVER}) {
            with(TestTokens.bearer("someone", role)).body(RunsResourceIT.CONFIG).post("/runs").then()
                    .statusCode(403).body("status", equalTo(403))
                    .body("error", containsString("operators start runs"));
        }
        assertThat(channels.<String>sinkSize(EventPublisher.RUNS)).isEqualTo(published);

        RunAccepted accepted = with(TestTokens.bearer("otto", Roles.OPERATOR)).body(RunsResourceIT.CONFIG)
                .post("/runs").then().statusCode(202).extract().as(RunAccepted.class);
        RunRequested requested = await().until(() -> channels.published(EventPublisher.RUNS, RunRequested.class,
                accepted.runId()), l -> !l.isEmpty()).get(0);
        assertThat(requested.requestedBy()).isEqualTo("otto");
    }

    @Test
    void aDatasetFromOutsideTheAllowListIsRefusedWithTheReason() {
        for (String dataset : new String[] {"/etc/passwd", "../shared/data/../../../etc/shadow",
                "http://169.254.169.254/latest/meta-data/", "https://intranet.example/corpus.txt"}) {
            with(TestTokens.bearer("otto", Roles.OPERATOR))
                    .body(RunsResourceIT.CONFIG.replace("../shared/data/tinyshakespeare.txt", dataset))
                    .post("/runs").then().statusCode(400).body("status", equalTo(400))
                    .body("error", containsString("dataset '" + dataset + "' is not allowed"));
        }
        with(TestTokens.bearer("otto", Roles.OPERATOR)).body(RunsResourceIT.CONFIG.replace(
                        "../shared/data/tinyshakespeare.txt", "https://raw.githubusercontent.com/karpathy/input.txt"))
                .post("/runs").then().statusCode(202);
    }

    private static RequestSpecification with(String authorization) {
        return given().contentType(ContentType.JSON).header("Authorization", authorization);
    }
}
