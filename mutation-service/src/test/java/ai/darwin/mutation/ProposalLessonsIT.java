package ai.darwin.mutation;

import static ai.darwin.mutation.FakeOpenAi.Step.answer;
import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Topics;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The lessons an agent was given travel on its proposal (VariantProposed.lessons), exactly as its prompt had them, so
 * that people read them beside its reasoning; a mutator that used none carries none.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
@WithTestResource(FakeMemoryResource.class)
class ProposalLessonsIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();

    @Test
    void theProposalCarriesTheLessonsOfItsPrompt() {
        LLM.script("taught", answer("good-edit.json"));
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        String run = "run-lessons";
        FakeMemoryResource.lessons(run, "helped: halving the learning rate (-0.031 val_bpb over 2 variants)\n"
                + "failed twice: a head count that does not divide the width (OUT_OF_MEMORY)\n");
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 1, Map.of("taught", SEED)));
        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);

        String prompt = LLM.requests("taught").stream().filter(r -> r.lastMessage().contains("run " + run))
                .findFirst().orElseThrow().lastMessage();
        Matcher block = PromptInjectionIT.LESSONS_BLOCK.matcher(prompt);
        assertThat(block.find()).isTrue();
        List<String> prompted = block.group().lines().skip(1).filter(l -> !l.startsWith("</")).toList();
        assertThat(variant.lessons()).isEqualTo(prompted).containsExactly(
                "helped: halving the learning rate (-0.031 val_bpb over 2 variants)",
                "failed twice: a head count that does not divide the width (OUT_OF_MEMORY)");
        published.close();
    }

    @Test
    void theRandomMutatorUsesNoLessonsAndCarriesNone() {
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        String run = "run-lessons-random";
        FakeMemoryResource.lessons(run, "helped: halving the learning rate\n");
        publish(Scripted.runRequested(run, "random", 0));
        publish(Scripted.generation(run, 1, Map.of("calm", SEED)));
        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        assertThat(variant.lessons()).isNull();
        published.close();
    }
}
