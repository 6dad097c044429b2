package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A result a sanity gate held is remembered with its gate, next to the failures, but it never tops the leaderboard
 * and never teaches a lesson: val_bpb 0.0 from a program that read the answers is not a change that helped.
 */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class HeldResultsTest {

    @Inject
    EventJournal journal;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aHeldResultIsListedWithItsGateButNeitherRankedNorLearnedFrom() {
        ScriptedRun run = new ScriptedRun("run-held");
        JournalFeed.deliver(connector, journal, run.runId, run.events.stream()
                .map(e -> e instanceof TrainingCompleted c && c.variantId().equals(run.b2) ? held(c) : e).toList());

        given().get("/runs/" + run.runId + "/leaderboard").then().statusCode(200)
                .body("variantId", contains(run.b1, run.a1, run.baseline));
        given().get("/runs/" + run.runId + "/failures").then().statusCode(200)
                .body("VAL_BPB_BELOW_FLOOR.variantId", contains(run.b2))
                .body("VAL_BPB_BELOW_FLOOR[0].outcome", equalTo("HELD"))
                .body("COMPILE_ERROR.variantId", contains(run.a2));
        given().queryParam("class", "VAL_BPB_BELOW_FLOOR").get("/runs/" + run.runId + "/failures").then()
                .statusCode(200).body("keySet()", contains("VAL_BPB_BELOW_FLOOR"));
        given().queryParam("runId", run.runId).get("/lessons").then().statusCode(200)
                .body("helped[0].kind", equalTo("LEARNING_RATE down"))
                .body("helped[0].count", equalTo(1));
    }

    private static TrainingCompleted held(TrainingCompleted c) {
        return new TrainingCompleted(c.eventId(), c.schemaVersion(), c.runId(), c.timestamp(), c.generation(),
                c.variantId(), c.workerId(), c.trainingSeed(), c.metrics(), c.architecture(),
                List.of(new IntegrityFlag(IntegrityGate.VAL_BPB_BELOW_FLOOR, "val_bpb below the floor")));
    }
}
