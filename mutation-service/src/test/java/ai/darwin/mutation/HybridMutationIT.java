package ai.darwin.mutation;

import static ai.darwin.mutation.FakeOpenAi.Step.answer;
import static ai.darwin.mutation.FakeOpenAi.Step.status;
import static ai.darwin.mutation.Scripted.SEED;
import static ai.darwin.mutation.Scripted.events;
import static ai.darwin.mutation.Scripted.publish;
import static ai.darwin.mutation.Scripted.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.Sha256;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.hybrid.HybridMutator;
import ai.darwin.mutation.offline.KnobSpace;
import ai.darwin.mutation.search.ProgramFingerprint;
import ai.darwin.mutation.search.SearchHistory;
import ai.darwin.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hybrid mutator through the real OpenAI SDK against the local fake server, on the real broker: the optimiser
 * proposes for every assignment, one LLM accepts, one overrides, one cannot answer; then what generation 1 measured,
 * accepted and overridden variants alike, is in the optimiser's model for generation 2.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class HybridMutationIT {

    static final FakeOpenAi LLM = FakeOpenAiResource.server();

    @Inject
    SearchHistory history;

    @Test
    void theLlmAcceptsOrOverridesTheOptimisersProposalAndBothOutcomesFeedTheOptimiser() {
        LLM.script("hyb-accept", answer("accept.json"));
        LLM.script("hyb-override", answer("good-edit.json"));
        LLM.script("hyb-down", status(429));
        String run = "run-hybrid";
        ConsumerTask<String, String> published = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "hybrid", 0));
        Map<String, String> programs = new LinkedHashMap<>();
        // accept rewrites override's program, override rewrites down's, down rewrites accept's: three parents
        programs.put("hyb-accept", SEED);
        programs.put("hyb-override", SEED.replace("LOG_INTERVAL = 10;", "LOG_INTERVAL = 11;"));
        programs.put("hyb-down", SEED.replace("LOG_INTERVAL = 10;", "LOG_INTERVAL = 12;"));
        publish(Scripted.generation(run, 1, programs));

        Map<String, VariantProposed> byAgent = await().atMost(Duration.ofSeconds(90))
                .until(() -> events(published, VariantProposed.class, run), l -> l.size() >= 3)
                .stream().collect(Collectors.toMap(VariantProposed::mutatorAgentId, v -> v));

        VariantProposed accepted = byAgent.get("hyb-accept");
        assertThat(accepted.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(accepted.mutator()).isEqualTo(new MutatorInfo("optimizer", "gpt-4o-mini"));
        assertThat(accepted.reasoning()).startsWith(HybridMutator.ACCEPTED)
                .contains("Optimiser exploring", "accept.");
        assertThat(knobsChanged(programs.get("hyb-override"), accepted.source())).hasSize(1);
        assertThat(accepted.usage().llmCalls()).isEqualTo(1);
        String prompt = LLM.requests("hyb-accept").get(0).lastMessage();
        assertThat(prompt).contains("You are agent hyb-accept.", "WHAT THE PROGRAM YOU REWRITE MEASURED",
                "THE OPTIMISER'S PROPOSAL", "Optimiser exploring", "--- a/Program.java", "\"mode\": \"ACCEPT\"");
        String fromTo = accepted.reasoning().lines().filter(l -> l.startsWith("Optimiser: ")).findFirst()
                .orElseThrow().substring("Optimiser: ".length());
        assertThat(fromTo).contains("→");
        assertThat(prompt).as("the knob the optimiser changes, from → to").contains(fromTo);

        VariantProposed overridden = byAgent.get("hyb-override");
        assertThat(overridden.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(overridden.mutator()).isEqualTo(new MutatorInfo("llm", "gpt-4o-mini"));
        assertThat(overridden.reasoning()).startsWith(HybridMutator.OVERRIDDEN)
                .contains("Replace GELU with squared ReLU", "The optimiser had proposed: ");
        assertThat(overridden.source()).contains("Activation.relu(linear(x, mlpWeight, mlpBias)).square()");
        assertThat(LLM.requests("hyb-override").get(0).lastMessage()).contains("THE OPTIMISER'S PROPOSAL");
        // the optimiser's proposal the LLM replaced was given back: of its parent's candidates the run holds only
        // the override's own program (squared ReLU is also a knob change)
        String parent = programs.get("hyb-down");
        List<String> held = KnobSpace.options(parent, "cpu").stream().map(o -> ProgramFingerprint.of(o.source()))
                .filter(f -> history.holder(run, f).isPresent()).toList();
        assertThat(held).containsOnly(ProgramFingerprint.of(overridden.source()));

        VariantProposed down = byAgent.get("hyb-down");
        assertThat(down.status()).isEqualTo(ProposalStatus.VALID);
        assertThat(down.mutator()).isEqualTo(new MutatorInfo("optimizer", null));
        assertThat(down.reasoning()).contains("The hybrid mutator stopped", "The optimizer made this proposal instead");
        assertThat(knobsChanged(SEED, down.source())).hasSize(1);

        // generation 1 measured: a control and the three variants; the optimiser's model learns from all four
        publish(scripted(run, "control", SEED));
        List<RankedVariant> ranking = new ArrayList<>();
        ranking.add(ranked(1, accepted.variantId(), -0.04));
        ranking.add(ranked(2, "control", 0));
        ranking.add(ranked(3, overridden.variantId(), 0.02));
        ranking.add(ranked(4, down.variantId(), 0.05));
        publish(new GenerationClosed(Envelope.of(run), 1, ranking, List.of(),
                new GenerationStatistics(4, 4, 0, 0, 1.96, 2.0, 0.1, 0, 0, 0), null, "control", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> history.measured(run).size() == 4);

        publish(Scripted.generation(run, 2, Map.of("hyb-accept", accepted.source())));
        await().atMost(Duration.ofSeconds(60)).until(() -> LLM.requests("hyb-accept").size() >= 2);
        assertThat(LLM.requests("hyb-accept").get(1).lastMessage())
                .contains("THE OPTIMISER'S PROPOSAL", "TPE over 4 measured variants");
        published.close();
    }

    /** The knobs whose value differs, each as "NAME"; the programs must both parse. */
    private static List<String> knobsChanged(String parent, String variant) {
        Map<String, String> before = KnobSpace.vector(parent, "cpu");
        Map<String, String> after = KnobSpace.vector(variant, "cpu");
        return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
    }

    private static RankedVariant ranked(int rank, String id, double delta) {
        return new RankedVariant(rank, id, "hyb-accept", VariantOutcome.COMPLETED, 1.0, 2.0 + delta, 0.1, 1000.0,
                null, List.of(), id.equals("control") ? null : new ControlDelta(delta, null, null, false));
    }

    private static VariantProposed scripted(String run, String id, String source) {
        return new VariantProposed(Envelope.of(run), 1, id, run + "-g1-" + id, AssignmentKind.MUTATE, "hyb-accept",
                "hyb-accept", List.of("seed"), source, Sha256.of(source), "", "scripted",
                new MutatorInfo("random", null), TokenUsage.NONE, ProposalStatus.VALID, List.of(), Scripted.DATASET,
                Scripted.BUDGET, 1, "cpu");
    }
}
