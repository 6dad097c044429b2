package ai.darwin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.local.cli.ThroughputReport;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.ServiceProcess;
import ai.darwin.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small evolution through all five services, each its own process, over the product's own broker and store. On
 * the way, a training worker is killed with SIGKILL in the middle of a variant, selection-service and memory-service
 * are killed and restarted mid-run, and the broker is stopped and restarted. The run must still complete with every
 * variant trained once, every generation closed once and in order, the lineage in memory and the leaderboard on the
 * dashboard's API.
 */
class EvolutionEndToEndIT {

    static final Path REPOSITORY = Path.of(System.getProperty("darwin.repository", "..")).toAbsolutePath().normalize();
    static final Path TARGET = REPOSITORY.resolve("e2e/target");
    static DarwinStack stack;
    static LocalInfrastructure infrastructure;
    static Map<String, ServiceProcess> services;
    static EventRecorder recorder;

    @BeforeAll
    static void start() throws Exception {
        stack = DarwinStack.start(REPOSITORY, Files.createTempDirectory("darwin-e2e"),
                REPOSITORY.resolve("../shared/data").normalize().toString(), Map.of(), "");
        infrastructure = stack.infrastructure;
        services = stack.services;
        recorder = stack.recorder;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSmallEvolutionCompletesThroughEveryServiceDespiteCrashesAndABrokerRestart() throws Exception {
        String runId = submit();

        // a training worker dies in the middle of a variant of generation 1; a new one takes over
        TrainingStarted victim = await().atMost(Duration.ofMinutes(6)).until(() -> recorder.of(TrainingStarted.class, runId)
                .stream().filter(s -> s.generation() == 1).findFirst(), java.util.Optional::isPresent).get();
        services.get("training-service").kill();
        services.get("training-service").start(Duration.ofSeconds(180));

        // selection and memory crash and come back mid-run
        services.get("selection-service").kill();
        services.get("memory-service").kill();
        services.get("selection-service").start(Duration.ofSeconds(180));
        services.get("memory-service").start(Duration.ofSeconds(180));

        // the broker stops and restarts under everyone
        infrastructure.kafka("stop");
        infrastructure.kafka("start");

        RunCompleted completed = await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(2))
                .until(() -> recorder.of(RunCompleted.class, runId), l -> !l.isEmpty()).get(0);
        assertThat(completed.championVariantId()).isNotNull();

        // the killed worker's variant was trained again, and counted once
        assertThat(recorder.of(TrainingStarted.class, runId).stream()
                .filter(s -> s.variantId().equals(victim.variantId())).count()).isGreaterThanOrEqualTo(2);

        // every generation opened once and closed once, in order, with no variant lost to a timeout
        List<Integer> opened = distinctByEvent(recorder.of(GenerationOpened.class, runId)).stream()
                .map(GenerationOpened::generation).toList();
        List<GenerationClosed> closed = distinctByEvent(recorder.of(GenerationClosed.class, runId));
        assertThat(closed).extracting(GenerationClosed::generation).containsExactlyElementsOf(opened);
        // two generations of mutation, then the verification generation unless the seed itself stayed champion
        assertThat(opened).startsWith(0, 1).hasSizeBetween(2, 3);
        if (opened.size() == 3) {
            assertThat(completed.verification()).isNotNull();
            assertThat(completed.verification().metrics()).isNotEmpty();
        } else {
            assertThat(completed.verification()).isNull();
            assertThat(completed.championVariantId()).endsWith("-g0-baseline");
        }
        assertThat(closed).flatExtracting(GenerationClosed::ranking).extracting(RankedVariant::outcome)
                .doesNotContain(VariantOutcome.TIMED_OUT);

        // every proposed variant has exactly one result in memory
        Set<String> proposed = recorder.of(VariantProposed.class, runId).stream().map(VariantProposed::variantId)
                .collect(Collectors.toSet());
        Set<String> resulted = recorder.of(TrainingResult.class, runId).stream().map(TrainingResult::variantId)
                .collect(Collectors.toSet());
        assertThat(resulted).containsAll(proposed);

        // a variant's trace crosses the real topics: a mutated variant's TrainingCompleted continues the trace of its
        // VariantProposed, and each generation's close is sent in a trace (its span links the variants' traces)
        List<VariantProposed> mutated = recorder.of(VariantProposed.class, runId).stream()
                .filter(v -> v.kind() == AssignmentKind.MUTATE).toList();
        assertThat(recorder.of(TrainingCompleted.class, runId)).as("a mutated variant's training in its trace")
                .anySatisfy(trained -> assertThat(mutated).anySatisfy(v -> {
                    assertThat(v.variantId()).isEqualTo(trained.variantId());
                    assertThat(recorder.traceIds(v)).isNotEmpty().containsAnyElementsOf(recorder.traceIds(trained));
                }));
        assertThat(closed).allSatisfy(close -> assertThat(recorder.traceIds(close))
                .as("the traceparent of generation %d's close", close.generation()).isNotEmpty());
        int memory = services.get("memory-service").port();
        await().atMost(Duration.ofMinutes(1)).until(() -> "COMPLETED".equals(
                given().port(memory).get("/runs/" + runId).jsonPath().getString("status")));
        for (int generation : opened) {
            JsonPath view = given().port(memory).get("/runs/" + runId + "/generations/" + generation).jsonPath();
            assertThat(view.getList("variants.outcome", String.class)).isNotEmpty().doesNotContain("PENDING");
        }
        JsonPath lineage = given().port(memory).get("/variants/" + completed.championVariantId() + "/lineage")
                .then().statusCode(200).extract().jsonPath();
        assertThat(lineage.getList("ancestors.kind", String.class)).isNotEmpty().last().isEqualTo("SEED");

        // the dashboard's API serves the leaderboard
        int hitl = services.get("hitl-service").port();
        String memoryBest = given().port(memory).get("/runs/" + runId + "/leaderboard").jsonPath()
                .getString("[0].variantId");
        await().atMost(Duration.ofMinutes(1)).until(() -> memoryBest.equals(given().port(hitl)
                .get("/api/runs/" + runId + "/leaderboard").then().statusCode(200).extract().jsonPath()
                .getString("[0].variantId")));

        ThroughputReport report = ThroughputReport.of(recorder.all(runId));
        Files.writeString(TARGET.resolve("throughput-report.txt"), report.text());
        System.out.println(report.text());
    }

    private static String submit() throws Exception {
        RunConfig config = new RunConfig("e2e", 2, 2,
                new DatasetSpec(REPOSITORY.resolve("../shared/data/tinyshakespeare.txt").normalize().toString(),
                        "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed", "char", 0.1),
                new TrainingBudget(4_000, 30), "cpu", "offline", null,
                new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()), new SelectionSpec(1, 2, "others"),
                0, 0, 2, 0, 11);
        return given().port(services.get("selection-service").port()).contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer("e2e-operator", Roles.OPERATOR))
                .body(EventCodec.mapper().writeValueAsString(config)).post("/runs")
                .then().statusCode(202).extract().jsonPath().getString("runId");
    }

    private static <T extends ai.darwin.events.DarwinEvent> List<T> distinctByEvent(List<T> events) {
        Map<String, T> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        return List.copyOf(byId.values());
    }
}
