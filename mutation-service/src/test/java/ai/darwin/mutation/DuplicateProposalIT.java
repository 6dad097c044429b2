package ai.darwin.mutation;

import static ai.darwin.mutation.FakeOpenAi.Step.answer;
import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Topics;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A duplicate proposal is never published for training: through the real broker and the real OpenAI SDK against the
 * fake LLM, an answer that leaves the program as it was (layout aside) and then one that repeats a variant of an
 * earlier generation each go back to the model as a problem, and only its third, new program is published.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
@WithTestResource(FakeMemoryResource.class)
class DuplicateProposalIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();

    @Test
    void aProposalTheSameAsItsParentOrAsAnEarlierVariantGoesBackToTheModel() {
        String run = "run-duplicates";
        LLM.script("first", answer("good-edit.json"));
        LLM.script("repeater", answer("identical.json"), answer("good-edit.json"), answer("rewrite.json"));
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 1, Map.of("first", SEED)));
        VariantProposed first = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> l.size() == 1).get(0);
        assertThat(first.status()).isEqualTo(ProposalStatus.VALID);

        publish(Scripted.generation(run, 2, Map.of("repeater", SEED)));
        List<VariantProposed> variants = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> l.size() == 2);

        VariantProposed repeater = variants.get(1);
        assertThat(repeater.status()).isEqualTo(ProposalStatus.REPAIRED);
        assertThat(repeater.usage().llmCalls()).isEqualTo(3);
        assertThat(repeater.validationErrors()).hasSize(2);
        assertThat(repeater.validationErrors().get(0)).contains("DUPLICATE", "the same as the one you were given");
        assertThat(repeater.validationErrors().get(1)).contains("DUPLICATE", "as variant " + first.variantId());
        assertThat(repeater.source()).isNotEqualTo(first.source()).isNotEqualTo(SEED)
                .contains("static final float BETA2 = 0.95f;");
        assertThat(LLM.requests("repeater").get(2).lastMessage()).contains("as variant " + first.variantId());
        published.close();
    }
}
