package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.memory.store.Projections;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exports hand out every source of a run, and the retention log is the operator's: attacked with every role. */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class ExportAccessTest {

    @Inject
    Projections projections;

    @Test
    void onlyAnOperatorExportsARunOrReadsTheRetentionLog() {
        ScriptedRun run = new ScriptedRun("run-guarded-export");
        // left unfinished, so that RetentionTest's purge in the same store never takes it
        run.events.stream().filter(e -> !e.getClass().getSimpleName().equals("RunCompleted"))
                .forEach(projections::apply);
        List<String> doors = List.of("/runs/" + run.runId + "/export/json", "/runs/" + run.runId + "/export/git",
                "/retention");

        for (String door : doors) {
            given().get(door).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401)).body("error", containsString("Authorization: Bearer"));
            given().header("Authorization", "Bearer " + TestTokens.forged("otto", Roles.OPERATOR)).get(door).then()
                    .statusCode(401).body("error", equalTo("the bearer token is invalid or expired"));
            for (String role : List.of(Roles.VIEWER, Roles.APPROVER)) {
                given().header("Authorization", TestTokens.bearer("someone", role)).get(door).then()
                        .statusCode(403).body("status", equalTo(403));
            }
            given().header("Authorization", TestTokens.bearer("otto", Roles.OPERATOR)).get(door).then()
                    .statusCode(200);
        }
        // the other reads stay open to anyone who can reach the service
        given().get("/runs/" + run.runId).then().statusCode(200);
    }
}
