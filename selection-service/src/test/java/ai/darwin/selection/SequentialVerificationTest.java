package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.failed;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verification trains the seed program and the champion in pairs that share a training seed, sent out seed
 * first, then champion, pair after pair; it looks after 3 pairs, adds pairs while the answer is unclear, up to the
 * run's most, and reports each metric's paired difference with its interval and p.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class SequentialVerificationTest {

    @Inject
    ChannelDriver channels;

    @Test
    void anUnclearAnswerAddsPairsUpToTheMostAndEachMetricGetsItsPairedDifference() {
        String run = "run-sequential-unclear";
        GenerationOpened verification = verificationOf(run);
        assertThat(verification.assignments()).hasSize(6);
        assertInterleaved(verification.assignments(), run);
        assertThat(variants(run, 1)).extracting(VariantProposed::variantId)
                .containsExactlyElementsOf(verification.assignments().stream().map(Assignment::assignmentId).toList());

        // champion − seed: -0.02, +0.01, -0.03: not clear after 3 pairs
        send(run, verification.assignments(), new double[][] {{2.00, 1.98}, {2.05, 2.06}, {1.98, 1.95}});
        await().until(() -> variants(run, 1).size() == 10);
        List<Assignment> all = channels.state(run).generation(1).assignments();
        assertThat(all).hasSize(10);
        assertInterleaved(all, run);
        assertThat(channels.published(EventPublisher.GENERATIONS, GenerationOpened.class, run)).hasSize(2);
        assertThat(channels.state(run).generation(1).closed()).isFalse();

        // the last pair's champion trained on another kind of device: its throughput is not compared
        List<Assignment> more = all.subList(6, 10);
        channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(more.get(0)), 2.01));
        channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(more.get(1)), 2.00));
        channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(more.get(2)), 1.99));
        channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(more.get(3)), 2.00, 0.4, 90_000,
                "NVIDIA H100"));

        VerificationReport verdict = channels.closed(run, 1).verification();
        assertThat(verdict.improved()).isFalse();
        assertThat(verdict.looks()).containsExactly(3, 5);
        assertThat(verdict.seeds()).containsExactly(1007L, 1008L, 1009L, 1010L, 1011L);
        assertThat(verdict.metrics()).extracting(MetricComparison::metric)
                .containsExactly("val_bpb", "perplexity", "tokens_per_second", "mfu");
        MetricComparison bpb = verdict.metrics().get(0);
        assertThat(bpb.welchP()).isNull();
        assertThat(bpb.difference().pairs()).isEqualTo(5);
        assertThat(bpb.difference().meanDifference()).isCloseTo(-0.008, within(1e-9));
        assertThat(bpb.difference().confidence()).isCloseTo(1 - 0.01 / 2, within(1e-12));
        assertThat(bpb.difference().ciLow()).isLessThan(0);
        assertThat(bpb.difference().ciHigh()).isGreaterThan(0);
        assertThat(bpb.difference().pValue()).isGreaterThan(0.005);
        assertThat(verdict.metrics().get(2).difference().pairs()).isEqualTo(4);
    }

    @Test
    void aClearImprovementStopsAtTheFirstLook() {
        String run = "run-sequential-clear";
        GenerationOpened verification = verificationOf(run);
        send(run, verification.assignments(), new double[][] {{2.00, 1.50}, {2.05, 1.56}, {1.98, 1.47}});

        VerificationReport verdict = channels.closed(run, 1).verification();
        assertThat(verdict.improved()).isTrue();
        assertThat(verdict.seeds()).hasSize(3);
        assertThat(verdict.metrics().get(0).difference().meanDifference()).isCloseTo(-0.5, within(1e-9));
        assertThat(verdict.metrics().get(0).difference().ciHigh()).isLessThan(0);
        await().during(Duration.ofMillis(500)).until(() -> variants(run, 1).size() == 6);
    }

    /** The verdict calls an improvement one only beyond the run's minimum effect: by default 0.5 % of val_bpb. */
    @Test
    void aRealButTinyImprovementIsNotCalledOne() {
        String run = "run-sequential-tiny";
        GenerationOpened verification = verificationOf(run);
        // 0.25 % better in every pair: certain, and smaller than the 0.5 % a run asks for by default
        send(run, verification.assignments(), new double[][] {{2.000, 1.995}, {2.050, 2.045}, {1.980, 1.975}});

        VerificationReport verdict = channels.closed(run, 1).verification();
        assertThat(verdict.improved()).isFalse();
        assertThat(verdict.minimumEffect()).isEqualTo(0.005);
        assertThat(verdict.metrics().get(0).difference().pValue()).isLessThan(0.005);
        assertThat(verdict.metrics().get(0).difference().meanDifference()).isCloseTo(-0.005, within(1e-9));
        assertThat(verdict.seeds()).hasSize(3);
    }

    @Test
    void aPairLostToAFailedReTrainingIsReplacedBeforeTheLook() {
        String run = "run-sequential-failed";
        GenerationOpened verification = verificationOf(run);
        List<Assignment> first = verification.assignments();
        send(run, first.subList(0, 4), new double[][] {{2.00, 1.50}, {2.05, 1.56}});
        channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(first.get(4)), 1.98));
        channels.send(SelectionConsumers.RESULTS, failed(run, 1, variantId(first.get(5))));

        // two complete pairs are no look: one more pair, then the look at three
        await().until(() -> variants(run, 1).size() == 8);
        List<Assignment> added = channels.state(run).generation(1).assignments().subList(6, 8);
        send(run, added, new double[][] {{2.01, 1.49}});

        VerificationReport verdict = channels.closed(run, 1).verification();
        assertThat(verdict.improved()).isTrue();
        assertThat(verdict.seeds()).hasSize(4);
        assertThat(verdict.metrics().get(0).difference().pairs()).isEqualTo(3);
    }

    /** A run of one generation, verified with at most five pairs; the champion is a mutation of generation 0. */
    private GenerationOpened verificationOf(String run) {
        channels.send(SelectionConsumers.RUNS, ScriptedEvents.runRequested(run, 2, 1, 0, 5));
        channels.trainAll(channels.opened(run, 0), 1.5);
        return channels.opened(run, 1);
    }

    /** Results for consecutive pairs (seed program, champion) of these assignments, in order. */
    private void send(String run, List<Assignment> pairs, double[][] bpb) {
        for (int i = 0; i < bpb.length; i++) {
            channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(pairs.get(2 * i)), bpb[i][0]));
            channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(pairs.get(2 * i + 1)), bpb[i][1]));
        }
    }

    /** Seed program, then champion, one training seed per pair, pair after pair. */
    private static void assertInterleaved(List<Assignment> assignments, String run) {
        for (int i = 0; i < assignments.size(); i += 2) {
            Assignment seed = assignments.get(i);
            Assignment champion = assignments.get(i + 1);
            assertThat(seed.kind()).isEqualTo(AssignmentKind.VERIFY);
            assertThat(seed.parentVariantId()).isEqualTo(run + "-seed");
            assertThat(champion.parentVariantId()).isNotEqualTo(run + "-seed");
            assertThat(champion.trainingSeed()).isEqualTo(seed.trainingSeed()).isEqualTo(1007L + i / 2);
        }
    }

    private List<VariantProposed> variants(String run, int generation) {
        return channels.published(EventPublisher.VARIANTS, VariantProposed.class, run).stream()
                .filter(v -> v.generation() == generation).toList();
    }
}
