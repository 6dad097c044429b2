package ai.darwin.mutation.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.darwin.events.Envelope;
import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LLM tokens, calls and cost add up per run and model; proposals keep their status and mutator tags. */
class ProposalMetricsTest {

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProposalMetrics metrics = new ProposalMetrics(registry);

    @Test
    void addsUpTheLlmUsageOfEachRunAndModel() {
        metrics.published(variant("run-1", new MutatorInfo("llm", "gpt-a"), new TokenUsage(7000, 300, 1, 0.002)));
        metrics.published(variant("run-1", new MutatorInfo("llm", "gpt-a"), new TokenUsage(1000, 100, 2, 0.001)));
        metrics.published(variant("run-2", new MutatorInfo("random", null), TokenUsage.NONE));

        assertThat(registry.get(ProposalMetrics.LLM_TOKENS).tags("run", "run-1", "model", "gpt-a", "direction", "in")
                .counter().count()).isEqualTo(8000);
        assertThat(registry.get(ProposalMetrics.LLM_TOKENS).tags("run", "run-1", "model", "gpt-a", "direction", "out")
                .counter().count()).isEqualTo(400);
        assertThat(registry.get(ProposalMetrics.LLM_CALLS).tags("run", "run-1", "model", "gpt-a").counter().count())
                .isEqualTo(3);
        assertThat(registry.get(ProposalMetrics.LLM_COST).tags("run", "run-1", "model", "gpt-a").counter().count())
                .isCloseTo(0.003, within(1e-12));
        assertThat(registry.get(ProposalMetrics.LLM_CALLS).tags("run", "run-2", "model", "none").counter().count())
                .isZero();
        assertThat(registry.get(ProposalMetrics.PROPOSALS).tags("status", "VALID", "mutator", "llm").counter()
                .count()).isEqualTo(2);
    }

    private static VariantProposed variant(String runId, MutatorInfo mutator, TokenUsage usage) {
        String source = "class P {}";
        return new VariantProposed(Envelope.of(runId), 1, "v-" + runId, "a-" + runId, AssignmentKind.MUTATE, "ada",
                "bob", List.of("p"), source, Sha256.of(source), "", "why", mutator, usage, ProposalStatus.VALID,
                List.of(), new DatasetSpec("d.txt", null, "char", 0.1), new TrainingBudget(1000, 0), 7, "cpu");
    }
}
