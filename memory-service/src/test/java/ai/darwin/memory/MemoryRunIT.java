package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.memory.export.ChangeRecord;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.FreePorts;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.ServiceProcess;
import ai.darwin.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * memory-service as its own process: a whole run's events, each delivered twice, through the real broker into the
 * MongoDB-compatible store; the REST answers, a restart, and both exports.
 */
class MemoryRunIT {

    static final ObjectMapper JSON = EventCodec.mapper();
    static MongoServer mongo;
    static ServiceProcess memory;
    static ScriptedRun run = new ScriptedRun("run-memory");

    @BeforeAll
    static void start() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", FreePorts.next());
        memory = new ServiceProcess(Path.of("target/quarkus-app/quarkus-run.jar"), Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers(),
                "MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort(),
                "DARWIN_JWT_PUBLIC_KEY_LOCATION",
                TestTokens.writePublicKey(Path.of("target/memory-run-it-jwt.pem")).toAbsolutePath().toString()),
                Path.of("target/memory-run-it.log"));
        memory.start(Duration.ofSeconds(90));
        RestAssured.port = memory.port();
    }

    @AfterAll
    static void stop() {
        memory.close();
        mongo.shutdownNow();
        RestAssured.reset();
    }

    @Test
    void aWholeRunIsRememberedOnceServedBackAndExported() throws Exception {
        try (KafkaCompanion kafka = new KafkaCompanion(KafkaBrokerResource.bootstrapServers())) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (DarwinEvent event : run.events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(ScriptedRun.topic(event),
                        Topics.keyOf(event), EventCodec.write(event));
                records.add(record);
                records.add(record);
            }
            kafka.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/runs/" + run.runId).statusCode() == 200
                && "COMPLETED".equals(given().get("/runs/" + run.runId).path("status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().queryParam("limit", 1000)
                .get("/runs/" + run.runId + "/events").path("size()").equals(run.events.size()));

        checkAnswers();
        memory.kill();
        memory.start(Duration.ofSeconds(90));
        RestAssured.port = memory.port();
        checkAnswers();
        given().queryParam("limit", 1000).get("/runs/" + run.runId + "/events").then()
                .body("size()", equalTo(run.events.size()));

        given().get("/runs/" + run.runId + "/export/json").then().statusCode(401).body("status", equalTo(401));
        checkJsonExport();
        checkGitExport();
    }

    private void checkAnswers() {
        given().get("/runs").then().statusCode(200).body("runId", hasItems(run.runId));
        given().get("/runs/" + run.runId).then().statusCode(200)
                .body("outcome", equalTo("GENERATIONS_DONE")).body("championVariantId", equalTo(run.b2))
                .body("config.population", equalTo(4));
        given().get("/runs/" + run.runId + "/leaderboard").then().statusCode(200)
                .body("variantId", org.hamcrest.Matchers.contains(run.b2, run.b1, run.a1, run.baseline))
                .body("[0].valBitsPerByte", equalTo(1.80f));
        given().get("/runs/" + run.runId + "/generations/1").then().statusCode(200)
                .body("closed.ranking.variantId", org.hamcrest.Matchers.contains(run.b2, run.b1))
                .body("variants.size()", equalTo(2));
        given().get("/runs/" + run.runId + "/generations/9").then().statusCode(404)
                .body("error", containsString("no generation 9"));
        given().get("/variants/" + run.b1).then().statusCode(200)
                .body("source", containsString("DROPOUT = 0.1"))
                .body("diff", containsString("+    static final double DROPOUT = 0.1;"))
                .body("variant.status", equalTo("REPAIRED"))
                .body("variant.changeKinds", org.hamcrest.Matchers.contains("DROPOUT down"));
        given().get("/variants/" + run.b2 + "/lineage").then().statusCode(200)
                .body("ancestors.variantId", org.hamcrest.Matchers.contains(run.a1, run.seed))
                .body("ancestors[1].kind", equalTo("SEED"));
        given().get("/variants/" + run.a1 + "/lineage").then().statusCode(200)
                .body("descendants.children.variantId", org.hamcrest.Matchers.containsInAnyOrder(run.b1, run.b2));
        given().get("/runs/" + run.runId + "/failures").then().statusCode(200)
                .body("COMPILE_ERROR.variantId", org.hamcrest.Matchers.contains(run.a2));
        given().queryParam("q", "LEARNING rate").queryParam("runId", run.runId).get("/search").then()
                .statusCode(200).body("variantId", org.hamcrest.Matchers.containsInAnyOrder(run.a1, run.b2));
        given().get("/search").then().statusCode(400).body("error", containsString("q"));
        given().queryParam("runId", run.runId).queryParam("maxChars", 400).get("/lessons").then().statusCode(200)
                .body("helped[0].kind", equalTo("LEARNING_RATE down"))
                .body("helped[0].count", equalTo(2))
                .body("helped[0].improved", equalTo(2))
                .body("failures[0].failureClass", equalTo("COMPILE_ERROR"))
                .body("text", containsString("LEARNING_RATE down: 2 variants"))
                .body("text.length()", org.hamcrest.Matchers.lessThanOrEqualTo(400));
        given().queryParam("runId", run.runId).queryParam("parentVariantId", run.b2).get("/prompt-context").then()
                .statusCode(200).body("parent.outcome", equalTo("KEPT")).body("lineage.variantId",
                        org.hamcrest.Matchers.contains(run.a1)).body("noiseFloorSeeds", equalTo(3))
                .body("attempts.outcome", org.hamcrest.Matchers.contains("KEPT", "DISCARDED", "FAILED", "KEPT"));
    }

    private static RequestSpecification asOperator() {
        return given().header("Authorization", TestTokens.bearer("otto", Roles.OPERATOR));
    }

    private void checkJsonExport() throws Exception {
        byte[] zip = asOperator().get("/runs/" + run.runId + "/export/json").then().statusCode(200)
                .extract().asByteArray();
        Map<String, byte[]> files = ExportFiles.unzip(zip);
        assertThat(files).containsKey("run.json");
        List<ChangeRecord> changes = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("changes/")) {
                ChangeRecord record = JSON.readValue(file.getValue(), ChangeRecord.class);
                assertThat(JSON.readTree(JSON.writeValueAsBytes(record))).isEqualTo(JSON.readTree(file.getValue()));
                changes.add(record);
            }
        }
        List<VariantProposed> proposals = run.events.stream().filter(VariantProposed.class::isInstance)
                .map(VariantProposed.class::cast).toList();
        assertThat(changes).extracting(ChangeRecord::variantId)
                .containsExactlyElementsOf(proposals.stream().map(VariantProposed::variantId).toList());
        for (int i = 0; i < proposals.size(); i++) {
            assertThat(changes.get(i).edit()).isEqualTo(proposals.get(i).diff());
            assertThat(changes.get(i).rationale()).isEqualTo(proposals.get(i).reasoning());
            assertThat(changes.get(i).previousState().variantId()).isEqualTo(proposals.get(i).parentVariantIds().get(0));
        }
        ChangeRecord b2 = changes.stream().filter(c -> c.variantId().equals(run.b2)).findFirst().orElseThrow();
        assertThat(b2.previousState().valBitsPerByte()).isEqualTo(1.90);
        assertThat(b2.outcome().valBitsPerByte()).isEqualTo(1.80);
        assertThat(changes.stream().filter(c -> c.variantId().equals(run.a2)).findFirst().orElseThrow()
                .outcome().failureClass()).isEqualTo("COMPILE_ERROR");
    }

    private void checkGitExport() throws Exception {
        byte[] zip = asOperator().get("/runs/" + run.runId + "/export/git").then().statusCode(200).extract().asByteArray();
        Path directory = ExportFiles.repository(zip);
        try (Git git = Git.open(directory.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit b2 = walk.parseCommit(repository.resolve("refs/tags/" + run.b2));
            RevCommit a1 = walk.parseCommit(repository.resolve("refs/tags/" + run.a1));
            RevCommit seed = walk.parseCommit(repository.resolve("refs/tags/" + run.seed));
            assertThat(b2.getParents()).extracting(ObjectId::copy).containsExactly(a1.copy());
            assertThat(a1.getParents()).extracting(ObjectId::copy).containsExactly(seed.copy());
            assertThat(seed.getParentCount()).isZero();
            assertThat(repository.resolve("refs/heads/champion")).isEqualTo(b2.getId());
            assertThat(b2.getFullMessage()).contains("val_bpb 1.8000").contains("Lower the learning rate");
            assertThat(ExportFiles.content(repository, b2, "Program.java")).contains("LEARNING_RATE = 3e-4");
            assertThat(ExportFiles.content(repository, seed, "Program.java")).isEqualTo(ScriptedRun.SEED_SOURCE);
            List<String> lineage = new ArrayList<>();
            git.log().add(b2).call().forEach(c -> lineage.add(c.getShortMessage().split(" ")[0]));
            assertThat(lineage).containsExactly(run.b2, run.a1, "The");
        }
    }
}
