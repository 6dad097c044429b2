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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What memory-service measured reaches the model: through the real broker and the real OpenAI SDK against the local
 * fake LLM, the next prompt for a parent carries its metrics against its control and the noise floor, and a failed
 * variant's class and error output, as memory-service's {@code GET /prompt-context} serves them.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
@WithTestResource(FakeMemoryResource.class)
class PromptOutcomesIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();
    static final String ERROR = "java.lang.IllegalStateException: shapes (64, 128) and (96) cannot be multiplied";

    @Test
    void theParentsMetricsAndAFailedVariantsErrorAppearInTheNextPrompt() {
        String run = "run-outcomes";
        LLM.script("learner", answer("good-edit.json"));
        FakeMemoryResource.outcomes(run, """
                {"runId":"run-outcomes","noiseFloor":0.021,"noiseFloorSeeds":3,
                 "parent":{"variantId":"run-outcomes-learner-parent","generation":1,"agentId":"learner",
                   "mutatorAgentId":"other","outcome":"KEPT","valBitsPerByte":2.3456,"mfu":0.2,
                   "tokensPerSecond":9000,"deltaVsParent":-0.04,"versusControl":-0.061,"withinNoise":false,
                   "changeKinds":["LEARNING_RATE down"],"summary":"Halve the learning rate.","failureClass":null,
                   "errorTail":null,"diff":null,"somethingNew":1},
                 "mutator":null,"lineage":[],
                 "attempts":[{"variantId":"run-outcomes-g1-broken","generation":1,"agentId":"other",
                   "mutatorAgentId":"learner","outcome":"FAILED","changeKinds":["method attention rewritten"],
                   "summary":"Fuse the heads.","failureClass":"RUNTIME_ERROR",
                   "errorTail":"Exception in train()\\n%s"}],
                 "lineageAttempts":[],"top":[]}
                """.formatted(ERROR));
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 2, Map.of("learner", SEED)));
        await().atMost(Duration.ofSeconds(60)).until(() -> events(published, VariantProposed.class, run),
                l -> !l.isEmpty());

        String prompt = LLM.requests("learner").get(0).lastMessage();
        assertThat(prompt).contains("run-outcomes-learner-parent (generation 1, agent learner, rewritten by other): "
                        + "KEPT, val_bpb 2.3456, Δ vs its parent -0.0400, Δ vs its generation's control -0.0610 "
                        + "(beyond noise)", "|Δ val_bpb| below 0.0210 (measured from 3 seeds",
                "run-outcomes-g1-broken", "failed: RUNTIME_ERROR", ERROR);
        published.close();
    }
}
