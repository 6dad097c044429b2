package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.darwin.memory.query.MemoryQueries;
import ai.darwin.memory.retention.Retention;
import ai.darwin.memory.store.Projections;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class RetentionTest {

    @Inject
    Projections projections;

    @Inject
    Retention retention;

    @Inject
    MemoryQueries queries;

    @Test
    void completedRunsPastRetentionAreDeletedAndEveryDeletionIsRecorded() {
        ScriptedRun old = new ScriptedRun("run-old");
        old.events.forEach(projections::apply);
        ScriptedRun unfinished = new ScriptedRun("run-unfinished");
        unfinished.events.stream().filter(e -> !e.getClass().getSimpleName().equals("RunCompleted"))
                .forEach(projections::apply);

        assertThat(retention.purge(Instant.parse("2026-11-21T00:00:00Z"))).containsExactly("run-old");

        assertThat(queries.run("run-old")).isEmpty();
        assertThat(queries.variants("run-old", null)).isEmpty();
        assertThat(queries.run("run-unfinished")).isPresent();
        given().header("Authorization", TestTokens.bearer("otto", Roles.OPERATOR)).get("/retention").then()
                .statusCode(200)
                .body("[0].runId", equalTo("run-old"))
                .body("[0].removed.variants", equalTo(5));
    }

}
