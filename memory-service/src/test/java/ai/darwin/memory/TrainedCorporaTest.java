package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.events.training.TrainedCorpus;
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

/** Memory keeps what each variant trained on: the run's corpus and the approved extras of its mixture. */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class TrainedCorporaTest {

    private static final String OWN_SHA = "ab".repeat(32);
    private static final String EXTRA_SHA = "cd".repeat(32);

    @Inject
    EventJournal journal;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aVariantsCorporaAreServedWithIt() {
        ScriptedRun run = new ScriptedRun("run-corpora");
        JournalFeed.deliver(connector, journal, run.runId, run.events.stream()
                .map(e -> e instanceof TrainingCompleted c && c.variantId().equals(run.b1) ? mixed(c) : e).toList());

        given().get("/runs/" + run.runId + "/leaderboard").then().statusCode(200)
                .body("find { it.variantId == '" + run.b1 + "' }.corpora.sha256", contains(OWN_SHA, EXTRA_SHA))
                .body("find { it.variantId == '" + run.b1 + "' }.corpora[1].requestId", equalTo("req-data"))
                .body("find { it.variantId == '" + run.a1 + "' }.corpora", empty());
    }

    private static TrainingCompleted mixed(TrainingCompleted c) {
        return new TrainingCompleted(c.eventId(), c.schemaVersion(), c.runId(), c.timestamp(), c.generation(),
                c.variantId(), c.workerId(), c.trainingSeed(), c.metrics(), c.architecture(), c.integrityFlags(),
                List.of(new TrainedCorpus("/data/own.txt", OWN_SHA, null),
                        new TrainedCorpus("/data/more.txt", EXTRA_SHA, "req-data")));
    }
}
