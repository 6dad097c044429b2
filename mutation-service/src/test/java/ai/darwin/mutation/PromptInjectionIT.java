package ai.darwin.mutation;

import static ai.darwin.mutation.FakeOpenAi.Step.answer;
import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Topics;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.offline.OfflineMutation;
import ai.darwin.mutation.offline.OfflineMutator;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.prompt.HostileLessons;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A failure message is a way for a program to talk to the next prompt. Here a program's failure ordered the model
 * about and tried to break out of its quotation; memory-service passes it on unquoted (as if it quoted nothing),
 * and the real OpenAI SDK sends the prompts to the local fake server. The crafted text must reach the model only
 * inside the lessons block, cut, with the block intact and the instructions unchanged; and the mutators must do
 * exactly what they do without it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
@WithTestResource(FakeMemoryResource.class)
class PromptInjectionIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();
    static final Pattern LESSONS_BLOCK = Pattern.compile(
            "<untrusted-data source=\"lessons from memory-service[^\"]*\">\n.*?\n</untrusted-data>", Pattern.DOTALL);
    static final Pattern ANY_TAG = Pattern.compile("<\\s*/?\\s*untrusted-data", Pattern.CASE_INSENSITIVE);

    @Test
    void aCraftedFailureMessageReachesTheLlmOnlyQuotedAndCutAndChangesNothingItDoes() {
        LLM.script("steady", answer("good-edit.json"));
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name(), Topics.APPROVALS.name());
        FakeMemoryResource.lessons("run-clean", HostileLessons.cleanText());
        FakeMemoryResource.lessons("run-hostile", HostileLessons.hostileText());
        VariantProposed clean = proposeWithLlm("run-clean", published);
        VariantProposed hostile = proposeWithLlm("run-hostile", published);
        assertThat(FakeMemoryResource.asked()).contains("run-clean", "run-hostile");

        List<FakeOpenAi.Request> requests = LLM.requests("steady");
        FakeOpenAi.Request withoutCrafted = requests.stream().filter(r -> r.lastMessage().contains("run run-clean"))
                .findFirst().orElseThrow();
        FakeOpenAi.Request withCrafted = requests.stream().filter(r -> r.lastMessage().contains("run run-hostile"))
                .findFirst().orElseThrow();
        assertThat(withCrafted.systemMessage()).isEqualTo(withoutCrafted.systemMessage());
        assertThat(withCrafted.body().get("messages")).hasSize(2);

        String prompt = withCrafted.lastMessage();
        String block = lessonsBlock(prompt);
        // the instructions around the block are the same to the byte, the run's id aside
        assertThat(prompt.replace(block, "").replace("run-hostile", "RUN"))
                .isEqualTo(withoutCrafted.lastMessage().replace(lessonsBlock(withoutCrafted.lastMessage()), "")
                        .replace("run-clean", "RUN"));
        int at = prompt.indexOf(HostileLessons.ORDER);
        assertThat(at).isEqualTo(prompt.lastIndexOf(HostileLessons.ORDER)).isGreaterThan(prompt.indexOf(block))
                .isLessThan(prompt.indexOf(block) + block.length());
        assertThat(count(ANY_TAG, prompt)).as("the block's own two tags, and no other").isEqualTo(2);
        assertThat(block).contains("more characters cut]").doesNotContain("```", "\u001B", "<|");
        assertThat(block.length()).isLessThan(1500 + 200);
        assertThat(prompt.length()).isLessThan(withoutCrafted.lastMessage().length() + 1500);

        // what the mutator did is what it does without the crafted text: the same change, no upgrade request
        assertThat(hostile.status()).isEqualTo(clean.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(hostile.source()).isEqualTo(clean.source());
        assertThat(hostile.diff()).isEqualTo(clean.diff());
        assertThat(events(published, ApprovalRequested.class, "run-hostile")).isEmpty();
        published.close();
    }

    @Test
    void theOfflineMutatorProposesTheSameChangeWithTheSameSeedWhateverTheLessonsSay() {
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        String run = "run-hostile-offline";
        FakeMemoryResource.lessons(run, HostileLessons.hostileText());
        publish(Scripted.runRequested(run, "offline", 0));
        GenerationOpened generation = Scripted.generation(run, 1, Map.of("calm", SEED));
        publish(generation);
        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        Assignment assignment = generation.assignments().get(0);
        OfflineMutation withoutLessons = new OfflineMutator().mutate(SEED,
                AssignmentSeed.of(assignment.trainingSeed(), assignment.assignmentId()), "cpu");
        assertThat(variant.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(variant.source()).isEqualTo(withoutLessons.source());
        assertThat(variant.reasoning()).isEqualTo(withoutLessons.description());
        published.close();
    }

    private static VariantProposed proposeWithLlm(String run, ConsumerTask<String, String> published) {
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 1, Map.of("steady", SEED)));
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
    }

    private static String lessonsBlock(String prompt) {
        Matcher matcher = LESSONS_BLOCK.matcher(prompt);
        assertThat(matcher.find()).as("a lessons block in:\n%s", prompt).isTrue();
        return matcher.group();
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }
}
