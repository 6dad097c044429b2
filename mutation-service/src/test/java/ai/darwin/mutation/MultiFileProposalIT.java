package ai.darwin.mutation;

import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.program.SplitSeed;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.testing.KafkaBrokerResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Programs of several files through the real OpenAI SDK against the fake server, on the real broker: an agent
 * approved to restructure splits its program in two and the two files are published; one that is not approved is
 * told why in its next prompt and keeps its layout; the optimizer and chunk mode work on a parent of two files.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class MultiFileProposalIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();

    @Inject
    Approvals approvals;

    /** The answer that splits the seed: the schedule moves to its own file, which the entry file calls. */
    static String split(FakeOpenAi.Request request) {
        ObjectNode answer = EventCodec.mapper().createObjectNode()
                .put("reasoning", "Move the learning-rate schedule into a file of its own, so that later changes to "
                        + "it stay small and readable.").put("mode", "EDITS").put("program", "");
        answer.putArray("edits").add(EventCodec.mapper().createObjectNode().put("path", "Program.java")
                .put("search", SplitSeed.SCHEDULE_BODY).put("replace", SplitSeed.CALL));
        answer.putArray("files").add(EventCodec.mapper().createObjectNode().put("path", SplitSeed.PATH)
                .put("source", SplitSeed.SCHEDULES));
        answer.putArray("upgradeRequests");
        return answer.toString();
    }

    @Test
    void anApprovedRestructureYieldsAPublishedProgramOfTwoFiles() {
        String run = "run-split";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        // the agent asked in an earlier generation; a human approved it for its lineage
        publish(new ApprovalRequested(Envelope.of(run), "run-split-g0-upgrade-1", ApprovalKind.RESTRUCTURE,
                "splitter", "run-split-g0-v", "split the program into files", "smaller edits"));
        publish(new ApprovalDecided(Envelope.of(run), "run-split-g0-upgrade-1", true, "tester", "go ahead",
                ApprovalScope.LINEAGE, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> approvals.layout(run, "splitter").restructure());
        LLM.script("splitter", FakeOpenAi.Step.computed(MultiFileProposalIT::split));

        publish(Scripted.generation(run, 1, Map.of("splitter", SEED)));

        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        assertThat(variant.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(variant.source()).isEqualTo(SplitSeed.entry());
        assertThat(variant.files()).containsExactly(new ProgramFile(SplitSeed.PATH, SplitSeed.SCHEDULES));
        assertThat(variant.sourceSha256()).isEqualTo(ProgramFiles.sha256(variant.source(), variant.files()));
        assertThat(variant.diff()).contains("--- a/Program.java\n+++ b/Program.java\n",
                "+" + SplitSeed.CALL, "--- /dev/null\n+++ b/schedule/Schedules.java\n", "+package schedule;");
        assertThat(LLM.requests("splitter").get(0).systemMessage()).contains("A human APPROVED a RESTRUCTURE");
        published.close();
    }

    @Test
    void aNewFileWithoutAnApprovalIsRejectedWithTheReasonInTheNextPrompt() {
        String run = "run-unsplit";
        // first the split, then the file removed again and a change of the entry file instead
        LLM.script("unsplit", FakeOpenAi.Step.computed(MultiFileProposalIT::split), FakeOpenAi.Step.computed(r -> {
            ObjectNode answer = EventCodec.mapper().createObjectNode().put("reasoning", "A shorter warmup instead.")
                    .put("mode", "REWRITE").put("program", SEED.replace("WARMUP_STEPS = 100;", "WARMUP_STEPS = 60;"));
            answer.putArray("edits");
            answer.putArray("files").add(EventCodec.mapper().createObjectNode().put("path", SplitSeed.PATH)
                    .put("source", ""));
            answer.putArray("upgradeRequests");
            return answer.toString();
        }));
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 1, Map.of("unsplit", SEED)));

        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        assertThat(variant.status()).isEqualTo(ProposalStatus.REPAIRED);
        assertThat(variant.files()).isNull();
        assertThat(variant.source()).contains("WARMUP_STEPS = 60;");
        assertThat(variant.validationErrors()).singleElement().asString()
                .contains("LAYOUT: the program adds schedule/Schedules.java, which no human approved", "NEW_FILE");
        List<FakeOpenAi.Request> requests = LLM.requests("unsplit");
        assertThat(requests.get(0).systemMessage()).contains("The program has a single file, the entry file "
                + "Program.java. Keep this layout");
        assertThat(requests.get(1).lastMessage()).contains("LAYOUT: the program adds schedule/Schedules.java",
                "FILE schedule/Schedules.java");
        published.close();
    }

    @Test
    void theOptimizerAndChunkModeKeepAParentsFilesAndChangeTheirCode() {
        Program parent = SplitSeed.program();
        String sha = ProgramFiles.sha256(parent.entry(), parent.files());
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());

        String knobs = "run-split-knobs";
        publish(Scripted.runRequested(knobs, "optimizer", 0));
        publish(twoFiles(knobs, "knobs", parent, sha));
        VariantProposed tuned = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, knobs), l -> !l.isEmpty()).get(0);
        assertThat(tuned.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(tuned.mutator().kind()).isEqualTo("optimizer");
        assertThat(tuned.files()).isEqualTo(parent.files());
        assertThat(tuned.diff()).startsWith("--- a/Program.java").doesNotContain("Schedules.java");

        // the fake model returns each chunk it is shown with a comment added in front
        LLM.script("chunks", FakeOpenAi.Step.echoingChunks("// revisited", "a note"));
        String chunked = "run-split-chunks";
        publish(Scripted.runRequested(chunked, "llm-chunk", 0));
        publish(twoFiles(chunked, "chunks", parent, sha));
        VariantProposed rewritten = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, chunked), l -> !l.isEmpty()).get(0);
        assertThat(rewritten.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(rewritten.files()).extracting(ProgramFile::path).containsExactly(SplitSeed.PATH);
        assertThat(LLM.requests("chunks")).allSatisfy(r -> assertThat(r.lastMessage()).contains(
                "- Program.java: imports (", "- schedule/Schedules.java: method Schedules.learningRate(long step, "
                        + "double budgetFraction, float maxLearningRate, int warmupSteps, float minRatio)"));
        published.close();
    }

    /** A generation in which one agent rewrites its own program of two files. */
    private static GenerationOpened twoFiles(String run, String agent, Program parent, String sha) {
        GenerationOpened one = Scripted.generation(run, 1, Map.of(agent, parent.entry()));
        AgentProgram program = new AgentProgram(agent, Scripted.parentOf(run, agent), sha, parent.entry(),
                parent.files());
        return new GenerationOpened(Envelope.of(run), 1, List.of(program), one.assignments(), one.dataset(),
                one.budget(), one.guidance(), one.deadline());
    }
}
