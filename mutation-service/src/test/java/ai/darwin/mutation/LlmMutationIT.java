package ai.darwin.mutation;

import static ai.darwin.mutation.FakeOpenAi.Step.answer;
import static ai.darwin.mutation.FakeOpenAi.Step.status;
import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The LLM mutator through the real OpenAI SDK against a local fake server with recorded answers, on the real
 * broker: one generation whose eight agents each meet one scenario.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class LlmMutationIT {

    static final List<String> SCENARIOS = List.of("good-edit", "edit-misses", "compile-error", "malformed",
            "rate-limited", "timeout", "upgrade", "rewrite");
    static final FakeOpenAi LLM = FakeOpenAiResource.server();
    /** gpt-4o-mini: $0.15 in, $0.60 out per million tokens. */
    static final double ONE_CALL_USD = (7000 * 0.15 + 300 * 0.60) / 1e6;

    @Inject
    Approvals approvals;

    @Test
    void eachRecordedAnswerEndsAsDocumentedAndNothingIsLostOrPublishedTwice() throws Exception {
        LLM.script("good-edit", answer("good-edit.json"));
        LLM.script("edit-misses", answer("edit-misses-1.json"), answer("edit-misses-2.json"),
                answer("edit-misses-3.json"));
        LLM.script("compile-error", answer("compile-error.json"), answer("compile-fix.json"));
        LLM.script("malformed", answer("empty.json"), answer("malformed.json"), answer("good-edit-2.json"));
        // each scenario its own program: two agents proposing the same one would make the later a duplicate
        LLM.script("rate-limited", status(429), answer("good-edit-3.json"));
        LLM.script("timeout", answer("good-edit.json").after(5000));
        LLM.script("upgrade", answer("upgrade.json"));
        LLM.script("rewrite", answer("rewrite.json"));
        String run = "run-llm";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name(), Topics.APPROVALS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        Map<String, String> programs = new LinkedHashMap<>();
        // each agent's own program (a different log interval, same lines): two answers that make the same edit to
        // the same program would be one program, and the second is rejected as a duplicate
        SCENARIOS.forEach(agent -> programs.put(agent, SEED.replace("LOG_INTERVAL = 10;",
                "LOG_INTERVAL = " + (10 + programs.size()) + ";")));
        GenerationOpened generation = Scripted.generation(run, 1, programs, "prefer small, safe changes");
        publish(generation);

        Map<String, VariantProposed> byAgent = await().atMost(Duration.ofSeconds(90))
                .until(() -> events(published, VariantProposed.class, run), l -> l.size() >= SCENARIOS.size())
                .stream().collect(Collectors.toMap(VariantProposed::mutatorAgentId, v -> v));
        assertThat(byAgent).containsOnlyKeys(SCENARIOS);

        VariantProposed good = byAgent.get("good-edit");
        assertThat(good.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(good.mutator().kind()).isEqualTo("llm");
        assertThat(good.mutator().model()).isEqualTo("gpt-4o-mini");
        assertThat(good.reasoning()).startsWith("Replace GELU with squared ReLU");
        assertThat(good.diff()).contains("-            NDArray hidden = Activation.gelu(linear(x, mlpWeight, mlpBias));",
                "+            NDArray hidden = Activation.relu(linear(x, mlpWeight, mlpBias)).square();");
        assertThat(good.usage().promptTokens()).isEqualTo(7000);
        assertThat(good.usage().completionTokens()).isEqualTo(300);
        assertThat(good.usage().llmCalls()).isEqualTo(1);
        assertThat(good.usage().costUsd()).isCloseTo(ONE_CALL_USD, within(1e-12));
        FakeOpenAi.Request first = LLM.requests("good-edit").get(0);
        assertThat(first.body().get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(first.body().get("response_format").get("type").asText()).isEqualTo("json_schema");
        assertThat(first.systemMessage()).contains("First lower validation bits per byte",
                "Imports only from: ai.djl.ndarray (with subpackages), ai.djl.nn (with subpackages)",
                "java.util.* (its classes, not its subpackages)", "never java.lang.Thread", "ctx.budget().exhausted()");
        assertThat(first.lastMessage()).contains("You are agent good-edit.",
                "agent edit-misses (variant run-llm-edit-misses-parent)", "- prefer small, safe changes", "200,000 training tokens", "public class SeedGpt");

        VariantProposed misses = byAgent.get("edit-misses");
        assertThat(misses.status()).isEqualTo(ProposalStatus.CARRIED_FORWARD);
        assertThat(misses.source()).isEqualTo(programs.get("compile-error"));
        assertThat(misses.diff()).isEmpty();
        assertThat(misses.usage().llmCalls()).isEqualTo(3);
        assertThat(misses.validationErrors()).hasSize(3);
        assertThat(misses.validationErrors().get(0)).contains("SEARCH text not found",
                "The closest line is line 67: \"static final int WARMUP_STEPS = 100;\"");
        assertThat(misses.validationErrors().get(2)).contains("occurs", "times");
        assertThat(misses.reasoning()).contains("Carried forward unchanged", "Raise the warmup to 200 steps");
        assertThat(LLM.requests("edit-misses").get(1).lastMessage()).contains("SEARCH text not found",
                "The program is unchanged");

        VariantProposed repaired = byAgent.get("compile-error");
        assertThat(repaired.status()).isEqualTo(ProposalStatus.REPAIRED);
        assertThat(repaired.validationErrors()).singleElement().asString()
                .contains("COMPILE_ERROR", "cannot find symbol", "squaredRelu");
        // not .square(): that is good-edit's program, and a second copy of it in the run would be a duplicate
        assertThat(repaired.source()).contains("Activation.relu(linear(x, mlpWeight, mlpBias)).pow(2f)");
        assertThat(repaired.usage().llmCalls()).isEqualTo(2);
        assertThat(repaired.usage().promptTokens()).isEqualTo(14_600);
        assertThat(repaired.reasoning()).contains("Use a squared ReLU", "Repaired after 1 rejection",
                "DJL has no Activation.squaredRelu");
        assertThat(LLM.requests("compile-error").get(1).lastMessage()).contains("cannot find symbol",
                "Your change was applied", "Activation.squaredRelu(linear(x, mlpWeight, mlpBias))");

        VariantProposed malformed = byAgent.get("malformed");
        assertThat(malformed.status()).isEqualTo(ProposalStatus.REPAIRED);
        assertThat(malformed.validationErrors()).hasSize(2);
        assertThat(malformed.validationErrors().get(0)).contains("the answer was empty");
        assertThat(malformed.validationErrors().get(1)).contains("the answer holds no JSON object");
        assertThat(malformed.source()).contains("static final int WARMUP_STEPS = 50;");

        VariantProposed limited = byAgent.get("rate-limited");
        assertThat(limited.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(limited.usage().llmCalls()).isEqualTo(1);
        assertThat(LLM.requests("rate-limited")).hasSize(2);

        VariantProposed timedOut = byAgent.get("timeout");
        assertThat(timedOut.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(timedOut.mutator().kind()).isEqualTo("optimizer");
        assertThat(timedOut.usage().llmCalls()).isZero();
        assertThat(timedOut.reasoning()).contains("The llm mutator stopped: the LLM (gpt-4o-mini) gave no answer after "
                + "1 retries", "The optimizer made this proposal instead.", "Optimiser exploring");
        assertThat(LLM.requests("timeout")).hasSize(2);

        VariantProposed rewrite = byAgent.get("rewrite");
        assertThat(rewrite.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(rewrite.diff()).contains("-    static final float BETA2 = 0.99f;",
                "+    static final float BETA2 = 0.95f;");

        VariantProposed upgrade = byAgent.get("upgrade");
        assertThat(upgrade.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(upgrade.grantedImports()).isNull();
        List<ApprovalRequested> requests = await().atMost(Duration.ofSeconds(10))
                .until(() -> events(published, ApprovalRequested.class, run), l -> l.size() >= 3);
        assertThat(requests).extracting(ApprovalRequested::requestId).containsExactlyInAnyOrder(
                upgrade.variantId() + "-upgrade-1", upgrade.variantId() + "-upgrade-2",
                upgrade.variantId() + "-upgrade-3");
        assertThat(requests).allMatch(r -> r.agentId().equals("upgrade") && r.variantId().equals(upgrade.variantId()));
        assertThat(requests).extracting(ApprovalRequested::kind)
                .containsExactlyInAnyOrder(ApprovalKind.NEW_IMPORT, ApprovalKind.MORE_BUDGET, ApprovalKind.NEW_IMPORT);
        // a thread pool can never be granted: declined as it is asked, by the policy, with the reason; the other
        // import is in the catalogue and waits for a human
        ApprovalDecided declined = await().atMost(Duration.ofSeconds(10))
                .until(() -> events(published, ApprovalDecided.class, run), l -> !l.isEmpty()).get(0);
        assertThat(declined.requestId()).isEqualTo(upgrade.variantId() + "-upgrade-1");
        assertThat(declined.approved()).isFalse();
        assertThat(declined.decidedBy()).isEqualTo("policy");
        assertThat(declined.comment()).isEqualTo(
                "declined automatically: java.util.concurrent.ForkJoinPool is never granted: threads");

        // redelivered: nothing new is asked of the LLM nor published
        int calls = SCENARIOS.stream().mapToInt(s -> LLM.requests(s).size()).sum();
        publish(generation);
        Thread.sleep(3000);
        assertThat(events(published, VariantProposed.class, run)).hasSize(SCENARIOS.size());
        assertThat(events(published, ApprovalRequested.class, run)).hasSize(3);
        assertThat(events(published, ApprovalDecided.class, run)).hasSize(1);
        assertThat(SCENARIOS.stream().mapToInt(s -> LLM.requests(s).size()).sum()).isEqualTo(calls);

        // a human approves the catalogued import, and tries to approve the thread pool too: the first decision stands
        publish(new ApprovalDecided(Envelope.of(run), upgrade.variantId() + "-upgrade-3", true, "tester", "go ahead"));
        publish(new ApprovalDecided(Envelope.of(run), upgrade.variantId() + "-upgrade-1", true, "tester", "why not"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> approvals.approvedImports(run).contains("java.util.random.RandomGenerator"));
        assertThat(approvals.approvedImports(run)).containsExactly("java.util.random.RandomGenerator");
        publish(Scripted.generation(run, 2, Map.of("good-edit", SEED)));
        await().atMost(Duration.ofSeconds(30)).until(() -> events(published, VariantProposed.class, run).size()
                == SCENARIOS.size() + 1);
        VariantProposed granted = events(published, VariantProposed.class, run).stream()
                .filter(v -> v.generation() == 2).findFirst().orElseThrow();
        assertThat(granted.grantedImports()).containsExactly("random-generator");
        // the same edit on the same seed repeats generation 1's variant, so it goes back as a duplicate: the
        // generation's first prompt is the one that shows the decisions
        FakeOpenAi.Request later = LLM.requests("good-edit").stream()
                .filter(r -> r.lastMessage().contains("In generation 2 of run")).findFirst().orElseThrow();
        assertThat(later.systemMessage()).contains("APPROVED by a human for this run or this program's lineage (the "
                + "worker's bytecode check allows them too): java.util.random.RandomGenerator", "random-generator (java.util.random."
                + "RandomGenerator): the interface java.util.Random implements");
        assertThat(later.lastMessage()).contains("NEW_IMPORT \"java.util.random.RandomGenerator\": APPROVED (go ahead)",
                "NEW_IMPORT \"java.util.concurrent.ForkJoinPool\": denied (declined automatically: "
                        + "java.util.concurrent.ForkJoinPool is never granted: threads)",
                "MORE_BUDGET \"twice the token budget per variant\": pending");
        published.close();
    }

    /**
     * The whole-stack forgery of the tamper-proofing issue: a model that answers every proposal with a program that
     * reads the harness's targets. The bytecode check that every worker also runs refuses it at every repair, so the
     * parent is carried forward and the forgery never reaches a worker.
     */
    @Test
    void aProgramThatReadsTheTargetsIsNeverPublished() {
        LLM.script("forger", answer("forger.json"), answer("forger.json"), answer("forger.json"));
        String run = "run-forger";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0));
        publish(Scripted.generation(run, 1, Map.of("forger", SEED)));

        VariantProposed variant = await().atMost(Duration.ofSeconds(60))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);

        assertThat(variant.status()).isEqualTo(ProposalStatus.CARRIED_FORWARD);
        assertThat(variant.source()).isEqualTo(SEED);
        assertThat(variant.validationErrors()).hasSize(3).allSatisfy(error -> assertThat(error)
                .contains("FORBIDDEN_API", "getParentManager", "getManagedArrays"));
        assertThat(LLM.requests("forger")).hasSize(3);
        published.close();
    }

    @Test
    void chunkModeRewritesDrawnChunksWithTheFileStructureAndWhatAlreadyChanged() throws Exception {
        // the fake model returns each chunk it is shown with a comment added in front
        LLM.script("chunky", FakeOpenAi.Step.echoingChunks("// revisited by the chunk mutator", "a note on this chunk"));
        String run = "run-chunk";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm-chunk", 0));
        publish(Scripted.generation(run, 1, Map.of("chunky", SEED)));
        VariantProposed variant = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        List<FakeOpenAi.Request> requests = LLM.requests("chunky");
        assertThat(variant.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(variant.mutator().kind()).isEqualTo("llm-chunk");
        assertThat(variant.usage().llmCalls()).isEqualTo(requests.size()).isGreaterThan(1);
        // imports are never drawn: every rewritten chunk is a member, indented in its class
        assertThat(variant.diff()).contains("+    // revisited by the chunk mutator");
        assertThat(variant.reasoning()).startsWith("Chunks rewritten:\n- ").contains("a note on this chunk");
        assertThat(requests).allSatisfy(r -> assertThat(r.lastMessage()).contains("THE FILE'S STRUCTURE",
                "- imports (30 lines) (frozen", "- method SeedGpt.train(TrainingContext ctx)", "Rewrite only this chunk",
                "THE PROGRAM'S GLOBALS", "static final int GPU_N_LAYER = 6;",
                "- method SeedGpt.TransformerBlock.attention(NDArray x, NDArray mask, boolean training) (16 lines): "
                        + "Causal multi-head self-attention")
                .doesNotContain("THE CHUNK TO REWRITE NOW (imports)"));
        assertThat(requests.get(1).lastMessage()).contains("CHUNKS ALREADY CHANGED IN THIS PROPOSAL\n- ");
        published.close();
    }

    @Test
    void theRunsCostCapStopsLlmCallsAndTheReasoningSaysSo() {
        LLM.script("capped", answer("good-edit.json"));
        String run = "run-capped";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "llm", 0.001));
        publish(Scripted.generation(run, 1, Map.of("capped", SEED)));
        VariantProposed paid = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(published, VariantProposed.class, run), l -> !l.isEmpty()).get(0);
        assertThat(paid.mutator().kind()).isEqualTo("llm");
        assertThat(paid.usage().costUsd()).isGreaterThan(0.001);

        publish(Scripted.generation(run, 2, Map.of("capped", SEED)));
        VariantProposed capped = await().atMost(Duration.ofSeconds(30))
                .until(() -> events(published, VariantProposed.class, run), l -> l.size() >= 2).get(1);
        assertThat(capped.mutator().kind()).isEqualTo("optimizer");
        assertThat(capped.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(capped.usage().llmCalls()).isZero();
        assertThat(capped.reasoning()).startsWith("No LLM call: the run's LLM cost cap of $0.0010 is reached "
                + "($0.0012 spent). The optimizer made this proposal.");
        assertThat(LLM.requests("capped")).hasSize(1);
        published.close();
    }
}
