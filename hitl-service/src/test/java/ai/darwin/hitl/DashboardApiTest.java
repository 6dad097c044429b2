package ai.darwin.hitl;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingCompleted;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A scripted run's events, each delivered twice, through the in-memory channel into the dashboard's API. */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class DashboardApiTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void readDecimalsAsDoubles() {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
    }

    @Test
    void aRunIsFollowedFromItsFirstGenerationToItsVerifiedEnd() {
        ScriptedRun run = new ScriptedRun("run-dashboard");
        String api = "/api/runs/" + run.runId;

        deliverTwice(run.live);
        send(new HumanIntervention(Envelope.of(run.runId), "int-veto", InterventionKind.VETO, null, run.a1,
                "suspicious gain", "ada"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(api).then().extract()
                .jsonPath().getList("training.findAll { it.progress != null }").size() == 1
                && given().get(api).then().extract().jsonPath().getList("interventions").size() == 1);

        given().get(api).then().statusCode(200)
                .body("run.name", equalTo("shakespeare-" + run.runId))
                .body("run.status", equalTo("RUNNING"))
                .body("run.currentGeneration", equalTo(1))
                .body("run.bestValBitsPerByte", closeTo(1.90, 1e-9))
                .body("run.championVariantId", equalTo(run.a1))
                .body("run.verifiedImprovement", nullValue())
                .body("config.population", equalTo(3))
                .body("config.budget.maxTokens", equalTo(100_000))
                .body("generations.generation", contains(0, 1))
                .body("generations.closed", contains(true, false))
                .body("generations[0].statistics.completed", equalTo(2))
                .body("generations[0].statistics.failed", equalTo(1))
                .body("generations[0].statistics.bestValBitsPerByte", closeTo(1.90, 1e-9))
                .body("generations[1].guidance", contains("keep the model small"))
                .body("training.variantId", contains(run.b1, run.b2, run.b3))
                .body("training[0].progress.fractionDone", closeTo(0.60, 1e-9))
                .body("training[0].progress.step", equalTo(120))
                .body("training[0].progress.trainLoss", closeTo(2.40, 1e-9))
                .body("training[0].progress.tokensPerSecond", closeTo(9000, 1e-9))
                .body("training[0].progress.etaSeconds", closeTo(24, 1e-9))
                .body("training[1].workerId", equalTo("worker-2"))
                .body("interventions[0].kind", equalTo("VETO"))
                .body("interventions[0].variantId", equalTo(run.a1));
        given().get(api + "/leaderboard").then().statusCode(200)
                .body("variantId", contains(run.a1, run.baseline))
                .body("rank", contains(1, 2))
                .body("[0].agentId", equalTo("agent-1"))
                .body("[0].generation", equalTo(0))
                .body("[0].mutator", equalTo("llm"))
                .body("[0].model", equalTo("gpt-4o-mini"))
                .body("[0].mfu", closeTo(0.2, 1e-9))
                .body("[0].tokensPerSecond", closeTo(9190, 1e-9))
                .body("[0].linesAdded", equalTo(2))
                .body("[0].linesRemoved", equalTo(1))
                .body("[0].vetoed", equalTo(true))
                .body("[1].mutator", equalTo("none"));
        given().get(api + "/generations").then().statusCode(200)
                .body("generation", contains(0))
                .body("[0].ranking.variantId", contains(run.a1, run.baseline, run.a2))
                .body("[0].ranking[2].failureClass", equalTo("COMPILE_ERROR"))
                .body("[0].ranking[0].versusControl.valBitsPerByte", closeTo(-0.10, 1e-12))
                .body("[0].survivors.reason", contains("elite", "tournament"))
                .body("[0].statistics.medianValBitsPerByte", closeTo(1.95, 1e-9));

        deliverTwice(run.closing);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(api + "/generations").then().extract()
                .jsonPath().getList("generation").size() == 2);
        // b3 timed out when generation 1 closed: no longer in training; b2's contradicting second result is ignored
        given().get(api).then().body("training", hasSize(0)).body("run.championVariantId", equalTo(run.b2));
        given().get(api + "/leaderboard").then()
                .body("variantId", contains(run.b2, run.b1, run.a1, run.baseline))
                .body("[0].valBitsPerByte", closeTo(1.80, 1e-9));

        deliverTwice(run.ending);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(given().get(api).path("run.status")));
        given().get(api).then()
                .body("run.outcome", equalTo("GENERATIONS_DONE"))
                .body("run.championVariantId", equalTo(run.b2))
                .body("run.verifiedImprovement", equalTo(true))
                .body("verification.metrics[0].welchP", closeTo(0.0004, 1e-12))
                .body("verification.metrics[0].difference.meanDifference", closeTo(-0.30, 1e-12))
                .body("verification.metrics[0].difference.pValue", closeTo(0.0002, 1e-12))
                .body("verification.looks", contains(3))
                .body("verification.metrics[0].champion.mean", closeTo(1.71, 1e-9))
                .body("costUsd", closeTo(0.02, 1e-9))
                .body("generations.verifies", contains(false, false, true))
                .body("training", hasSize(0));
        // verification re-trainings are the report's samples, not contenders
        given().get(api + "/leaderboard").then().body("variantId", contains(run.b2, run.b1, run.a1, run.baseline));
        given().queryParam("limit", 2).get(api + "/leaderboard").then().body("variantId", contains(run.b2, run.b1));
        given().get(api + "/generations").then().body("generation", contains(0, 1, 2))
                .body("[2].verification.improved", equalTo(true));
        given().get("/api/runs").then().statusCode(200)
                .body("find { it.runId == '" + run.runId + "' }.verifiedImprovement", equalTo(true))
                .body("find { it.runId == '" + run.runId + "' }.bestValBitsPerByte", closeTo(1.80, 1e-9))
                .body("runId", hasItem(run.runId));
    }

    @Test
    void aVerificationResultThatArrivesBeforeItsProposalNeverJoinsTheLeaderboard() {
        ScriptedRun run = new ScriptedRun("run-early-result");
        String api = "/api/runs/" + run.runId;
        deliverTwice(run.live);
        deliverTwice(run.closing);
        // the results of generation 2 overtake its opening and proposals (they travel on another topic)
        List<DarwinEvent> results = run.ending.stream().filter(e -> e instanceof TrainingCompleted).toList();
        results.forEach(this::send);
        // the channel is consumed in order: once an intervention sent after the results shows, they were all projected
        send(new HumanIntervention(Envelope.of(run.runId), "int-marker", InterventionKind.GUIDANCE, "marker", null,
                "marker", "ada"));
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(api).then().extract()
                .jsonPath().getList("interventions").size() == 1);
        given().get(api + "/leaderboard").then().body("variantId", contains(run.b2, run.b1, run.a1, run.baseline));

        deliverTwice(run.ending);
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(given().get(api).path("run.status")));
        given().get(api + "/leaderboard").then().body("variantId", contains(run.b2, run.b1, run.a1, run.baseline));
    }

    @Test
    void aResultASanityGateHeldNeverLeadsAndAHeldVerdictNamesItsGate() {
        ScriptedRun run = new ScriptedRun("run-held");
        String api = "/api/runs/" + run.runId;
        deliverTwice(run.live);
        deliverTwice(run.closing.stream().map(e -> e instanceof TrainingCompleted c && c.variantId().equals(run.b2)
                ? held(c, IntegrityGate.VAL_BPB_BELOW_FLOOR) : e).toList());
        deliverTwice(run.ending.stream().map(DashboardApiTest::heldVerdict).toList());
        // three phases of a run, each delivered twice: more to project than the other tests wait for
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(given().get(api).path("run.status")));

        given().get(api + "/leaderboard").then().body("variantId", contains(run.b1, run.a1, run.baseline));
        given().get(api).then().statusCode(200)
                .body("verification.improved", equalTo(false))
                .body("verification.integrityFlags[0].gate", equalTo("MFU_ABOVE_PEAK"))
                .body("generations.find { it.generation == 2 }.verification.integrityFlags[0].gate",
                        equalTo("MFU_ABOVE_PEAK"));
    }

    private static TrainingCompleted held(TrainingCompleted c, IntegrityGate gate) {
        return new TrainingCompleted(c.eventId(), c.schemaVersion(), c.runId(), c.timestamp(), c.generation(),
                c.variantId(), c.workerId(), c.trainingSeed(), c.metrics(), c.architecture(),
                List.of(new IntegrityFlag(gate, gate + " held " + c.variantId())));
    }

    /** The scripted run's verdict, as it reads when a champion re-training tripped a gate. */
    private static DarwinEvent heldVerdict(DarwinEvent event) {
        UnaryOperator<VerificationReport> hold = r -> new VerificationReport(r.championVariantId(),
                r.baselineVariantId(), r.seeds(), r.metrics(), r.alpha(), false,
                List.of(new IntegrityFlag(IntegrityGate.MFU_ABOVE_PEAK, "champion-0: MFU 137 % is above 100 %")));
        if (event instanceof GenerationClosed c && c.verification() != null) {
            return new GenerationClosed(c.eventId(), c.schemaVersion(), c.runId(), c.timestamp(), c.generation(),
                    c.ranking(), c.survivors(), c.statistics(), hold.apply(c.verification()));
        }
        if (event instanceof RunCompleted c && c.verification() != null) {
            return new RunCompleted(c.eventId(), c.schemaVersion(), c.runId(), c.timestamp(), c.outcome(),
                    c.generationsCompleted(), c.championVariantId(), hold.apply(c.verification()), c.costUsd());
        }
        return event;
    }

    @Test
    void unknownRunsAreAnsweredWith404AndAMessage() {
        for (String path : List.of("", "/leaderboard", "/generations")) {
            given().get("/api/runs/no-such-run" + path).then().statusCode(404)
                    .body("status", equalTo(404)).body("error", equalTo("no run no-such-run"));
        }
        given().queryParam("limit", 0).get("/api/runs").then().statusCode(400)
                .body("error", equalTo("limit must be between 1 and 1000"));
    }

    @Test
    void theApiIsDocumentedInOpenApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/runs/{runId}/leaderboard'.get.responses.'404'.description", equalTo("no such run"))
                .body("paths.'/runs/{runId}/approvals/{requestId}/decision'.post.responses.'409'.description",
                        equalTo("the request was decided already"))
                .body("components.schemas.LeaderboardEntry.properties.valBitsPerByte.type", equalTo("number"));
    }

    private void deliverTwice(List<DarwinEvent> events) {
        events.forEach(this::send);
        events.forEach(this::send);
    }

    private void send(DarwinEvent event) {
        connector.source(EventConsumer.CHANNEL).send(EventCodec.write(event));
    }
}
