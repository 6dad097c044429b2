package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted run's events, each delivered twice, into the variant pages, the lineage and the plots' series: what the
 * dashboard draws without asking another service.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class SearchApiTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void aVariantPageHasItsProgramDiffReasoningMetricsAndCurve() {
        ScriptedRun run = scripted("run-search-variant");
        String api = "/api/runs/" + run.runId + "/variants/";

        given().get(api + run.a1).then().statusCode(200)
                .body("kind", equalTo("MUTATE"))
                .body("agentId", equalTo("agent-1"))
                .body("parentVariantIds", contains(run.seed))
                .body("source", equalTo("class Gpt { /* " + run.a1 + " */ }"))
                .body("diff", containsString("\n+    lr = 5e-4;\n"))
                .body("reasoning", equalTo("Halve the learning rate and warm up: the seed's loss is noisy."))
                .body("lessons", equalTo(ScriptedRun.LESSONS))
                .body("outcome", equalTo("COMPLETED"))
                .body("metrics.valBitsPerByte", closeTo(1.90, 1e-9))
                .body("metrics.mfu", closeTo(0.2, 1e-9))
                // one progress report, delivered twice: one point
                .body("curve", hasSize(1))
                .body("curve[0].step", equalTo(100))
                .body("failureClass", nullValue());
        // b1's two reports, each delivered twice, in step order
        given().get(api + run.b1).then().statusCode(200)
                .body("curve.step", contains(50, 120))
                .body("curve.trainLoss", contains(closeTo(2.75, 1e-9), closeTo(2.40, 1e-9)));
        // a control used no lessons
        given().get(api + run.baseline).then().statusCode(200).body("lessons", hasSize(0));
        given().get(api + run.a2).then().statusCode(200)
                .body("outcome", equalTo("FAILED"))
                .body("failureClass", equalTo("COMPILE_ERROR"))
                .body("failureMessage", equalTo("Gpt.java:5: error: <identifier> expected"))
                .body("logTail", equalTo("oops\n^"))
                .body("metrics", nullValue());
        given().get(api + "nope").then().statusCode(404).body("error", containsString("no variant nope"));
        // a variant is found under its own run only
        given().get("/api/runs/other-run/variants/" + run.a1).then().statusCode(404);
    }

    @Test
    void aCurveKeepsItsFirstPointsUpToItsCapAndNoMore() {
        ScriptedRun run = scripted("run-search-curve");
        for (int step = 1; step <= 30; step++) {
            send(new TrainingProgress(Envelope.of(run.runId), 1, run.b3, "worker-3", step, step * 10L, 3.0, 9000,
                    1, step / 30.0));
        }
        String api = "/api/runs/" + run.runId + "/variants/" + run.b3;
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get(api).then().extract().jsonPath().getList("curve").size() >= 20);
        given().get(api).then().body("curve", hasSize(20)).body("curve[-1].step", equalTo(20));
    }

    @Test
    void theLineageHasEveryCompetitorAndAnEdgeFromEachParent() {
        ScriptedRun run = scripted("run-search-lineage");
        given().get("/api/runs/" + run.runId + "/lineage").then().statusCode(200)
                // the verification's re-trainings are samples, not offspring
                .body("nodes.variantId", contains(run.seed, run.a1, run.a2, run.baseline, run.b1, run.b2, run.b3))
                .body("nodes.kind", contains("SEED", "MUTATE", "MUTATE", "BASELINE", "MUTATE", "MUTATE", "MUTATE"))
                .body("nodes.outcome", contains(null, "COMPLETED", "FAILED", "COMPLETED", "COMPLETED", "COMPLETED",
                        "TIMED_OUT"))
                .body("edges", hasSize(6))
                .body("edges.findAll { it.from == '" + run.a1 + "' }.to", containsInAnyOrder(run.b1, run.b2, run.b3));
        given().get("/api/runs/nope/lineage").then().statusCode(404);
    }

    @Test
    void theSeriesHaveAPointPerTrainedVariantTheControlItsNoiseAndTheVerification() {
        ScriptedRun run = scripted("run-search-series");
        given().get("/api/runs/" + run.runId + "/series").then().statusCode(200)
                .body("points.variantId", contains(run.a1, run.baseline, run.b1, run.b2))
                .body("points.valBitsPerByte", contains(closeTo(1.90, 1e-9), closeTo(2.00, 1e-9),
                        closeTo(1.85, 1e-9), closeTo(1.80, 1e-9)))
                .body("points.agentId", contains("agent-1", "baseline", "agent-1", "agent-2"))
                .body("controls.variantId", contains(run.baseline))
                .body("controls[0].valBitsPerByte", closeTo(2.00, 1e-9))
                .body("noiseFloor.valBitsPerByte", closeTo(0.02, 1e-9))
                .body("verification.championVariantId", equalTo(run.b2))
                .body("verification.metrics[0].difference.ciHigh", closeTo(-0.29, 1e-9));
        given().get("/api/runs/nope/series").then().statusCode(404);
    }

    @Test
    void aProgramOfTwoFilesHasEveryFileOnItsPage() {
        ScriptedRun run = scripted("run-search-files");
        String split = run.runId + "-g1-split";
        send(run.twoFiles(split, List.of(new ProgramFile("model/Attention.java", ScriptedRun.ATTENTION))));
        String api = "/api/runs/" + run.runId + "/variants/" + split;
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get(api).statusCode() == 200);

        given().get(api).then().statusCode(200)
                .body("entryPath", equalTo("Program.java"))
                .body("source", containsString("model.Attention attention"))
                .body("files.path", contains("model/Attention.java"))
                .body("files[0].source", equalTo(ScriptedRun.ATTENTION))
                .body("filesLeftOut", equalTo(0))
                .body("diff", equalTo(ScriptedRun.TWO_FILE_DIFF));
        // a single-file program has no other files
        given().get("/api/runs/" + run.runId + "/variants/" + run.a1).then().body("files", hasSize(0));
    }

    @Test
    void aProposalOfManyLargeFilesKeepsOneBudgetOfThemAndCountsTheRest() {
        ScriptedRun run = scripted("run-search-many-files");
        String big = run.runId + "-g1-big";
        // 20 files of 90,000 characters: past the contract's count, and 1.8 million characters against a 200,000 budget
        List<ProgramFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(new ProgramFile(String.format("model/F%02d.java", i), "x".repeat(90_000)));
        }
        send(run.twoFiles(big, files));
        String api = "/api/runs/" + run.runId + "/variants/" + big;
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get(api).statusCode() == 200);

        var page = given().get(api).then().statusCode(200).extract().jsonPath();
        List<String> sources = page.getList("files.source");
        assertThat(page.getList("files.path")).containsExactly("model/F00.java", "model/F01.java", "model/F02.java");
        assertThat(sources.stream().mapToInt(String::length).sum()).isEqualTo(200_000);
        assertThat(sources.get(2)).endsWith("…").hasSize(20_000);
        assertThat(page.getInt("filesLeftOut")).isEqualTo(17);
    }

    private ScriptedRun scripted(String runId) {
        ScriptedRun run = new ScriptedRun(runId);
        for (List<DarwinEvent> phase : List.of(run.live, run.closing, run.ending)) {
            phase.forEach(this::send);
            phase.forEach(this::send);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                given().get("/api/runs/" + runId).then().extract().jsonPath().getString("run.status")));
        return run;
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
