package ai.darwin.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.EventCodec;
import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.ServiceProcess;
import ai.darwin.testing.TestTokens;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's MORE_DATA from end to end, every service its own process: an LLM agent (a fake OpenAI-compatible
 * server) asks for two corpora; a human approves one and declines the other through hitl-service's REST API with an
 * approver's token. From the next generation on, every variant trains on the approved corpus, as its
 * TrainingCompleted says, and validates on the run's own corpus; the declined one appears in no training at all.
 */
class MoreDataEndToEndIT {

    static final Path REPOSITORY = EvolutionEndToEndIT.REPOSITORY;
    static final Path OWN_CORPUS = REPOSITORY.resolve("../shared/data/tinyshakespeare.txt").normalize();
    static DarwinStack stack;
    static Map<String, ServiceProcess> services;
    static EventRecorder recorder;
    static FakeLlm llm;
    static Path approved;
    static Path declined;

    @BeforeAll
    static void start() throws Exception {
        Path home = Files.createTempDirectory("darwin-e2e-more-data");
        Path extras = Files.createDirectories(home.resolve("data"));
        approved = Files.writeString(extras.resolve("sonnets.txt"),
                "Shall I compare thee to a summer's day? Thou art more lovely and more temperate.\n".repeat(40));
        declined = Files.writeString(extras.resolve("declined.txt"), "Never train on this.\n".repeat(40));
        llm = new FakeLlm("agent-1", List.of(approved.toString(), declined.toString()));
        stack = DarwinStack.start(REPOSITORY, home, OWN_CORPUS.getParent() + "," + extras,
                Map.of("mutation-service", Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "e2e-key")),
                "more-data-");
        services = stack.services;
        recorder = stack.recorder;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void anApprovedCorpusIsTrainedOnFromTheNextGenerationAndADeclinedOneNever() throws Exception {
        String runId = submit();

        // the agent asks; a human answers through the REST API, with an approver's token
        ApprovalRequested wanted = awaitRequest(runId, approved);
        ApprovalRequested unwanted = awaitRequest(runId, declined);
        decide(runId, wanted.requestId(), "{\"approved\":true,\"scope\":\"run\",\"comment\":\"more verse\"}");
        decide(runId, unwanted.requestId(), "{\"approved\":false,\"comment\":\"not this one\"}");
        ApprovalDecided decision = await().atMost(Duration.ofMinutes(1)).until(() -> recorder
                .of(ApprovalDecided.class, runId).stream().filter(d -> d.requestId().equals(wanted.requestId()))
                .findFirst(), java.util.Optional::isPresent).get();
        assertThat(decision.decidedBy()).isEqualTo("e2e-approver");
        assertThat(decision.corpus().sha256()).isEqualTo(Sha256.of(approved));

        RunCompleted completed = await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(2))
                .until(() -> recorder.of(RunCompleted.class, runId), l -> !l.isEmpty()).get(0);
        assertThat(completed.generationsCompleted()).isGreaterThanOrEqualTo(2);

        // the generation open at approval trains without it; every later one with it, and none with the declined
        int first = recorder.of(GenerationOpened.class, runId).stream()
                .filter(g -> !g.dataset().extraCorpora().isEmpty()).mapToInt(GenerationOpened::generation).min()
                .orElseThrow(() -> new AssertionError("no generation trained on the approved corpus"));
        assertThat(first).isEqualTo(1);
        Map<String, VariantProposed> proposed = new HashMap<>();
        recorder.of(VariantProposed.class, runId).forEach(v -> proposed.putIfAbsent(v.variantId(), v));
        List<TrainingCompleted> trained = recorder.of(TrainingCompleted.class, runId);
        assertThat(trained).isNotEmpty().allSatisfy(result -> assertThat(result.corpora()).isNotNull()
                .first().isEqualTo(new TrainedCorpus(OWN_CORPUS.toString(), Sha256.of(OWN_CORPUS), null)));
        TrainedCorpus extra = new TrainedCorpus(approved.toString(), Sha256.of(approved), wanted.requestId());
        List<TrainingCompleted> later = trained.stream().filter(r -> r.generation() >= first).toList();
        assertThat(later).as("variants of generation %d on", first).isNotEmpty()
                .allSatisfy(r -> assertThat(r.corpora()).containsExactly(r.corpora().get(0), extra));
        assertThat(later).anySatisfy(r -> assertThat(proposed.get(r.variantId()).kind())
                .isEqualTo(AssignmentKind.MUTATE));
        assertThat(trained.stream().filter(r -> r.generation() < first))
                .allSatisfy(r -> assertThat(r.corpora()).hasSize(1));
        assertThat(trained).flatExtracting(TrainingCompleted::corpora).extracting(TrainedCorpus::uri)
                .doesNotContain(declined.toString());
        assertThat(recorder.of(VariantProposed.class, runId)).extracting(VariantProposed::dataset)
                .flatExtracting(DatasetSpec::extraCorpora).allSatisfy(c -> assertThat(c.uri())
                        .isEqualTo(approved.toString()));

        // memory keeps what each variant trained on
        int memory = services.get("memory-service").port();
        String trainedOnIt = later.get(0).variantId();
        await().atMost(Duration.ofMinutes(1)).until(() -> Objects.equals(List.of(Sha256.of(OWN_CORPUS),
                Sha256.of(approved)), given().port(memory).get("/runs/" + runId + "/leaderboard").jsonPath()
                .getList("find { it.variantId == '" + trainedOnIt + "' }.corpora.sha256")));
    }

    private static String submit() throws Exception {
        RunConfig config = new RunConfig("e2e-more-data", 2, 2,
                new DatasetSpec(OWN_CORPUS.toString(), null, "char", 0.1),
                new TrainingBudget(4_000, 30), "cpu", "llm", "gpt-4o-mini",
                new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()), new SelectionSpec(1, 2, "others"),
                0, 5.0, 2, 0, 13);
        return given().port(services.get("selection-service").port()).contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer("e2e-operator", Roles.OPERATOR))
                .body(EventCodec.mapper().writeValueAsString(config)).post("/runs")
                .then().statusCode(202).extract().jsonPath().getString("runId");
    }

    private static ApprovalRequested awaitRequest(String runId, Path corpus) {
        return await().atMost(Duration.ofMinutes(5)).until(() -> recorder.of(ApprovalRequested.class, runId).stream()
                .filter(r -> r.kind() == ApprovalKind.MORE_DATA && r.detail().equals(corpus.toString()))
                .findFirst(), java.util.Optional::isPresent).get();
    }

    private static void decide(String runId, String requestId, String body) {
        int hitl = services.get("hitl-service").port();
        await().atMost(Duration.ofMinutes(1)).until(() -> given().port(hitl)
                .header("Authorization", TestTokens.bearer("e2e-viewer", Roles.VIEWER))
                .get("/runs/" + runId + "/approvals").jsonPath().getList("requestId").contains(requestId));
        given().port(hitl).contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer("e2e-approver", Roles.APPROVER))
                .body(body).post("/runs/" + runId + "/approvals/" + requestId + "/decision")
                .then().statusCode(202);
    }
}
