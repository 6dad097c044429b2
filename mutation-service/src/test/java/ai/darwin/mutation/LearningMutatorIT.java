package ai.darwin.mutation;

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
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The learning mutator on the real broker: it reads what generation 1 measured (GenerationClosed, with each
 * variant's Δ against the control) and the programs behind it (VariantProposed), and proposes generation 2 from it.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeOpenAiResource.class)
class LearningMutatorIT {

    @Inject
    SearchHistory history;

    @Test
    void afterALowerLearningRateWonTheNextGenerationTriesUntriedLowerRatesAndProposesNoProgramTwice() {
        String run = "run-learning";
        ConsumerTask<String, String> variants = watch(Topics.VARIANTS.name());
        publish(Scripted.runRequested(run, "optimizer", 0));

        // generation 1: the control, two lower learning rates that won, six other changes that lost, one failure
        Map<String, String> programs = new LinkedHashMap<>();
        Map<String, Double> deltas = new LinkedHashMap<>();
        programs.put("control", SEED);
        int rates = 0;
        for (KnobSpace.Option option : KnobSpace.options(SEED, "cpu")) {
            double lr = Double.parseDouble(option.vector().get("CPU_LEARNING_RATE"));
            if (lr < 1e-3 && rates++ % 2 == 0) {
                programs.put("low" + rates, option.source());
                deltas.put("low" + rates, -0.05);
            } else if (lr == 1e-3 && programs.size() < 10) {
                String id = "other" + programs.size();
                programs.put(id, option.source());
                deltas.put(id, 0.04);
            }
        }
        List<RankedVariant> ranking = new ArrayList<>();
        for (String id : programs.keySet()) {
            publish(variant(run, id, programs.get(id)));
            Double delta = deltas.get(id);
            boolean failed = ranking.size() == programs.size() - 1;
            ranking.add(failed
                    ? new RankedVariant(ranking.size() + 1, id, "ada", VariantOutcome.FAILED, null, null, null, null,
                    FailureClass.RUNTIME_EXCEPTION)
                    : new RankedVariant(ranking.size() + 1, id, "ada", VariantOutcome.COMPLETED, 1.0,
                    2.0 + (delta == null ? 0 : delta), 0.1, 1000.0, null, List.of(),
                    delta == null ? null : new ControlDelta(delta, null, null, false)));
        }
        publish(new GenerationClosed(Envelope.of(run), 1, ranking, List.of(),
                new GenerationStatistics(ranking.size(), ranking.size() - 1, 1, 0, 1.95, 2.0, 0.1, 0, 0, 0),
                null, "control", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> history.measured(run).size() == programs.size());

        Map<String, String> parents = new LinkedHashMap<>();
        parents.put("ada", SEED);
        parents.put("bob", SEED);
        parents.put("cyd", SEED);
        publish(Scripted.generation(run, 2, parents));
        List<VariantProposed> proposed = await().atMost(Duration.ofSeconds(90))
                .until(() -> events(variants, VariantProposed.class, run).stream()
                        .filter(v -> v.generation() == 2).toList(), l -> l.size() >= 3);

        Set<String> earlier = programs.values().stream().map(ProgramFingerprint::of).collect(Collectors.toSet());
        Set<String> fingerprints = proposed.stream().map(v -> ProgramFingerprint.of(v.source()))
                .collect(Collectors.toSet());
        assertThat(fingerprints).as("three different programs, none proposed before").hasSize(3)
                .doesNotContainAnyElementsOf(earlier);
        long lower = 0;
        for (VariantProposed variant : proposed) {
            assertThat(variant.mutator().kind()).isEqualTo("optimizer");
            assertThat(variant.status()).isEqualTo(ProposalStatus.VALID);
            assertThat(variant.reasoning()).contains("TPE over " + programs.size() + " measured variants");
            Map<String, String> vector = KnobSpace.vector(variant.source(), "cpu");
            Map<String, String> seed = KnobSpace.vector(SEED, "cpu");
            assertThat(vector.keySet().stream().filter(k -> !vector.get(k).equals(seed.get(k)))).hasSize(1);
            lower += Double.parseDouble(vector.get("CPU_LEARNING_RATE")) < 1e-3 ? 1 : 0;
        }
        assertThat(lower).as("proposals that lower the learning rate").isGreaterThanOrEqualTo(2);
        variants.close();
    }

    private static VariantProposed variant(String run, String id, String source) {
        return new VariantProposed(Envelope.of(run), 1, id, run + "-g1-" + id, AssignmentKind.MUTATE, "ada", "ada",
                List.of("seed"), source, Sha256.of(source), "", "scripted", new MutatorInfo("random", null),
                TokenUsage.NONE, ProposalStatus.VALID, List.of(), Scripted.DATASET, Scripted.BUDGET, 1, "cpu");
    }
}
