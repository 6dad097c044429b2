package ai.darwin.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.memory.export.ChangeRecord;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.platform.security.Roles;
import ai.darwin.testing.MongoServerResource;
import ai.darwin.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

/**
 * A program of several files through memory, against the real MongoDB driver on mongo-java-server: stored with its
 * files, served back, in the JSON export with every file, and in the git export as a tree whose commits differ file
 * by file; a path that climbs out is kept out of the repository. Lineage, leaderboard and search are as before.
 */
@QuarkusTest
@WithTestResource(InMemoryJournalResource.class)
@WithTestResource(MongoServerResource.class)
class MultiFileProgramsTest {

    static final String ENTRY = ScriptedRun.SEED_SOURCE.replace("1e-3", "3e-4")
            .replace("class Gpt {", "class Gpt {\n    model.Attention attention;");
    static final String ATTENTION = "package model;\n\npublic class Attention {\n    static final int HEADS = 4;\n}\n";

    @Inject
    EventJournal journal;

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void aProgramOfTwoFilesIsStoredServedAndExportedFileByFile() throws Exception {
        ScriptedRun run = new ScriptedRun("run-two-files");
        String split = run.runId + "-g2-a2-v";
        String grown = run.runId + "-g3-a2-v";
        List<ProgramFile> splitFiles = List.of(new ProgramFile("model/Attention.java", ATTENTION));
        // its second file changed, and a hostile path the worker would refuse: it must not reach a checkout
        List<ProgramFile> grownFiles = List.of(
                new ProgramFile("model/Attention.java", ATTENTION.replace("HEADS = 4", "HEADS = 8")),
                new ProgramFile("../Escape.java", "class Escape {\n}\n"));
        String splitDiff = "--- a/Program.java\n+++ b/Program.java\n@@ -1,2 +1,3 @@\n class Gpt {\n"
                + "+    model.Attention attention;\n--- /dev/null\n+++ b/model/Attention.java\n@@ -0,0 +1,5 @@\n"
                + "+package model;\n+\n+public class Attention {\n+    static final int HEADS = 4;\n+}\n";
        String grownDiff = "--- a/model/Attention.java\n+++ b/model/Attention.java\n@@ -4 +4 @@\n"
                + "-    static final int HEADS = 4;\n+    static final int HEADS = 8;\n";
        List<DarwinEvent> events = new ArrayList<>(run.events);
        events.add(proposal(run, 2, split, run.b2, splitFiles, splitDiff, "Split attention into its own file."));
        events.add(completed(run, 2, split, 1.70));
        events.add(proposal(run, 3, grown, split, grownFiles, grownDiff, "Twice the heads, in the attention file."));
        JournalFeed.deliver(connector, journal, run.runId, events);

        given().get("/variants/" + split).then().statusCode(200)
                .body("source", equalTo(ENTRY))
                .body("files.path", contains("model/Attention.java"))
                .body("files[0].source", equalTo(ATTENTION))
                .body("diff", equalTo(splitDiff))
                .body("variant.changeKinds", contains("field Gpt.attention added", "file model/Attention.java added"));
        given().get("/variants/" + grown).then().statusCode(200)
                .body("files.path", contains("../Escape.java", "model/Attention.java"))
                .body("variant.changeKinds", hasItem("HEADS up"));
        // a single-file program has no other files
        given().get("/variants/" + run.b2).then().statusCode(200).body("files", empty());
        // lineage, leaderboard and search do not care how many files a program has
        given().get("/variants/" + grown + "/lineage").then().statusCode(200)
                .body("ancestors.variantId", contains(split, run.b2, run.a1, run.seed));
        given().get("/runs/" + run.runId + "/leaderboard").then().statusCode(200)
                .body("[0].variantId", equalTo(split));
        given().queryParam("q", "attention file").queryParam("runId", run.runId).get("/search").then()
                .statusCode(200).body("variantId", contains(grown));

        checkJsonExport(run, split);
        checkGitExport(run, split, grown);
    }

    private static void checkJsonExport(ScriptedRun run, String split) throws Exception {
        Map<String, byte[]> zip = ExportFiles.unzip(operator("/runs/" + run.runId + "/export/json"));
        ChangeRecord record = zip.entrySet().stream().filter(e -> e.getKey().endsWith("-" + split + ".json"))
                .map(e -> read(e.getValue())).findFirst().orElseThrow();
        assertThat(record.files()).containsExactly(new ProgramFile(ProgramFiles.ENTRY_PATH, ENTRY),
                new ProgramFile("model/Attention.java", ATTENTION));
        assertThat(record.edit()).contains("+++ b/model/Attention.java");
        ChangeRecord single = zip.entrySet().stream().filter(e -> e.getKey().endsWith("-" + run.b2 + ".json"))
                .map(e -> read(e.getValue())).findFirst().orElseThrow();
        assertThat(single.files()).extracting(ProgramFile::path).containsExactly(ProgramFiles.ENTRY_PATH);
    }

    private static void checkGitExport(ScriptedRun run, String split, String grown) throws Exception {
        Path directory = ExportFiles.repository(operator("/runs/" + run.runId + "/export/git"));
        try (Git git = Git.open(directory.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit b2 = walk.parseCommit(repository.resolve("refs/tags/" + run.b2));
            RevCommit splitCommit = walk.parseCommit(repository.resolve("refs/tags/" + split));
            RevCommit grownCommit = walk.parseCommit(repository.resolve("refs/tags/" + grown));
            assertThat(paths(repository, b2)).containsExactly(ProgramFiles.ENTRY_PATH);
            assertThat(paths(repository, splitCommit)).containsExactly(ProgramFiles.ENTRY_PATH, "model/Attention.java");
            assertThat(ExportFiles.content(repository, splitCommit, "model/Attention.java")).isEqualTo(ATTENTION);
            assertThat(ExportFiles.content(repository, splitCommit, ProgramFiles.ENTRY_PATH)).isEqualTo(ENTRY);
            // ../Escape.java is not in the tree: a checkout of the export cannot write outside it
            assertThat(paths(repository, grownCommit)).containsExactly(ProgramFiles.ENTRY_PATH, "model/Attention.java");
            assertThat(splitCommit.getParent(0)).isEqualTo(b2);

            // git diffs two variants file by file
            assertThat(diff(git, b2, splitCommit)).containsExactlyInAnyOrder("ADD model/Attention.java",
                    "MODIFY Program.java");
            assertThat(diff(git, splitCommit, grownCommit)).containsExactly("MODIFY model/Attention.java");
        }
    }

    private VariantProposed proposal(ScriptedRun run, int generation, String variantId, String parent,
                                     List<ProgramFile> files, String diff, String reasoning) {
        RunConfig config = SampleEvents.runRequested(run.runId).config();
        return new VariantProposed(Envelope.at(run.runId, Instant.parse("2026-11-20T11:00:00Z").plusSeconds(generation)),
                generation, variantId, variantId, AssignmentKind.MUTATE, "agent-2", "agent-2", List.of(parent), ENTRY,
                ProgramFiles.sha256(ENTRY, files), diff, reasoning, new MutatorInfo("llm", "gpt-4o-mini"),
                new TokenUsage(1000, 200, 1, 0.005), ProposalStatus.VALID, List.of(), config.dataset(),
                config.budget(), 7, null, null, null, null, files);
    }

    private static TrainingCompleted completed(ScriptedRun run, int generation, String variantId, double bpb) {
        double loss = bpb * Math.log(2);
        return new TrainingCompleted(Envelope.at(run.runId, Instant.parse("2026-11-20T11:30:00Z")), generation,
                variantId, "worker-1", 7, new TrainingMetrics(loss, bpb, Math.exp(loss), loss, 100_000, 100, 9000,
                800_000, 5e6, 1e11, 0.2, 500_000_000L, 10, 14, "cpu"), new ArchitectureCard(4, 4, 128, 64, 65),
                List.of());
    }

    private static List<String> diff(Git git, RevCommit from, RevCommit to) throws Exception {
        try (ObjectReader reader = git.getRepository().newObjectReader()) {
            CanonicalTreeParser before = new CanonicalTreeParser(null, reader, from.getTree());
            CanonicalTreeParser after = new CanonicalTreeParser(null, reader, to.getTree());
            return git.diff().setOldTree(before).setNewTree(after).call().stream()
                    .map(d -> d.getChangeType() + " " + (d.getChangeType() == DiffEntry.ChangeType.DELETE
                            ? d.getOldPath() : d.getNewPath())).toList();
        }
    }

    private static List<String> paths(Repository repository, RevCommit commit) throws Exception {
        List<String> paths = new ArrayList<>();
        try (TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }

    private static byte[] operator(String path) {
        return given().header("Authorization", TestTokens.bearer("otto", Roles.OPERATOR)).get(path).then()
                .statusCode(200).extract().asByteArray();
    }

    private static ChangeRecord read(byte[] json) {
        try {
            return EventCodec.mapper().readValue(json, ChangeRecord.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
