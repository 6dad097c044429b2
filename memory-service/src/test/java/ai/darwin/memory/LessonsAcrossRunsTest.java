package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each kind of change with its count and mean Δval_bpb ± SE, for one run, and on request across the runs with its
 * dataset and preset: a run with another preset trains other programs and teaches nothing about these.
 */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class LessonsAcrossRunsTest {

    @Inject
    EventJournal journal;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void lessonsOfARunAndOfTheRunsLikeItButNotOfARunWithAnotherPreset() {
        ScriptedRun first = new ScriptedRun("run-like-a");
        ScriptedRun second = new ScriptedRun("run-like-b");
        ScriptedRun gpu = new ScriptedRun("run-unlike-gpu");
        // a dataset of their own: other tests' runs in this store share the sample's
        JournalFeed.deliver(connector, journal, first.runId, withConfig(first, "cpu"));
        JournalFeed.deliver(connector, journal, second.runId, withConfig(second, "cpu"));
        JournalFeed.deliver(connector, journal, gpu.runId, withConfig(gpu, "gpu"));

        given().queryParam("runId", first.runId).get("/lessons").then().statusCode(200)
                .body("runIds", contains(first.runId))
                .body("helped[0].kind", equalTo("LEARNING_RATE down")).body("helped[0].count", equalTo(2))
                .body("helped.find { it.kind == 'DROPOUT down' }.standardError", equalTo(null))
                .body("text", containsString("LEARNING_RATE down: 2 variants, mean -0.1000 ± 0.0000, 2/2 improved"));
        given().queryParam("runId", first.runId).queryParam("acrossRuns", true).get("/lessons").then()
                .statusCode(200)
                .body("runIds", contains(first.runId, second.runId))
                .body("helped[0].kind", equalTo("LEARNING_RATE down")).body("helped[0].count", equalTo(4))
                .body("text", containsString("Lessons of run run-like-a and 1 other run with its dataset and preset"));
    }

    private static List<DarwinEvent> withConfig(ScriptedRun run, String preset) {
        List<DarwinEvent> events = new ArrayList<>(run.events);
        RunConfig c = ((RunRequested) events.get(0)).config();
        DatasetSpec dataset = new DatasetSpec("lessons-across-runs.txt", c.dataset().sha256(), c.dataset().tokenizer(),
                c.dataset().validationFraction());
        events.set(0, new RunRequested(Envelope.of(run.runId), new RunConfig(c.name(), c.population(),
                c.generations(), dataset, c.budget(), preset, c.mutator(), c.model(), c.fitness(), c.selection(),
                c.stopAfterStagnantGenerations(), c.costCapUsd(), c.verificationSeeds(), c.verificationInterval(),
                c.seed(), c.noiseFloorSeeds()), "test"));
        return events;
    }
}
