package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ai.darwin.memory.store.EventJournal;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * What a mutation prompt learns of a run from memory: the parent's measure against its parent and its generation's
 * control, the noise floor, its lineage, the latest attempts with what became of each (kept, discarded, failed with
 * the end of its output), and the run's best programs.
 */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class PromptContextTest {

    @Inject
    EventJournal journal;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void theParentsMeasureItsLineageAndTheAttemptsWithTheirOutcomesAreServed() {
        ScriptedRun run = deliver("run-context");

        given().config(RestAssuredConfig.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .queryParam("runId", run.runId).queryParam("parentVariantId", run.b2)
                .queryParam("mutatorVariantId", run.b1).queryParam("top", 2).get("/prompt-context").then()
                .statusCode(200)
                .body("noiseFloor", closeTo(0.02, 1e-9)).body("noiseFloorSeeds", equalTo(3))
                .body("parent.variantId", equalTo(run.b2)).body("parent.outcome", equalTo("KEPT"))
                .body("parent.valBitsPerByte", closeTo(1.80, 1e-9))
                .body("parent.deltaVsParent", closeTo(-0.10, 1e-9))
                .body("parent.changeKinds", contains("LEARNING_RATE down"))
                .body("lineage.variantId", contains(run.a1))
                .body("lineage[0].versusControl", closeTo(-0.10, 1e-9))
                .body("lineage[0].withinNoise", equalTo(false))
                .body("lineage[0].deltaVsParent", closeTo(-0.10, 1e-9))
                .body("mutator.variantId", equalTo(run.b1)).body("mutator.outcome", equalTo("DISCARDED"))
                .body("attempts.variantId", contains(run.b2, run.b1, run.a2, run.a1))
                .body("attempts.outcome", contains("KEPT", "DISCARDED", "FAILED", "KEPT"))
                .body("attempts[1].summary", equalTo("Less dropout: the model underfits at this budget."))
                .body("attempts[2].failureClass", equalTo("COMPILE_ERROR"))
                .body("attempts[2].errorTail", containsString("<identifier> expected"))
                .body("attempts[2].errorTail", containsString("oops"))
                .body("lineageAttempts", empty())
                .body("top.variantId", contains(run.b2, run.b1))
                .body("top[0].diff", containsString("+    static final double LEARNING_RATE = 3e-4;"))
                .body("attempts[0].diff", nullValue());
    }

    @Test
    void attemptsFromTheLineageThatTheRunsLatestLeaveOutAreListedApart() {
        ScriptedRun run = deliver("run-context-lineage");

        given().queryParam("runId", run.runId).queryParam("parentVariantId", run.a1).queryParam("attempts", 1)
                .get("/prompt-context").then().statusCode(200)
                .body("attempts.variantId", contains(run.b2))
                .body("lineageAttempts.variantId", contains(run.b1))
                .body("lineage", empty());
    }

    @Test
    void aRequestWithoutItsRunOrWithTooManyItemsIsRefused() {
        given().get("/prompt-context").then().statusCode(400).body("error", containsString("runId"));
        given().get("/prompt-context?runId=r&attempts=51").then().statusCode(400);
        given().get("/prompt-context?runId=r&top=-1").then().statusCode(400);
        given().get("/prompt-context?runId=r-unknown").then().statusCode(200)
                .body("parent", nullValue()).body("attempts", empty()).body("top", empty());
    }

    private ScriptedRun deliver(String runId) {
        ScriptedRun run = new ScriptedRun(runId);
        JournalFeed.deliver(connector, journal, runId, run.events);
        return run;
    }
}
