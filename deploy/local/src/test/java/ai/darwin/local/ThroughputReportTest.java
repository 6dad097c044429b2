package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.local.cli.ThroughputReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The report's accounting on hand-made timelines (milliseconds from an arbitrary start). */
class ThroughputReportTest {

    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private final List<DarwinEvent> events = new ArrayList<>();

    @Test
    void oneWorkerThatPicksEachVariantUpPromptlyIsAlmostAlwaysBusy() {
        proposed("a", 0);
        proposed("b", 10);
        started("a", "w1", 50);
        result("a", "w1", 10_000);
        started("b", "w1", 10_100);
        result("b", "w1", 20_100);
        closed(0, 20_250, false);

        ThroughputReport report = ThroughputReport.of(events);
        assertThat(report.trainingSeconds()).isCloseTo(19.95, within(1e-9));
        assertThat(report.idleWhileQueued()).isCloseTo(0.1, within(1e-9));
        // a worker's first variant is its cold start, reported apart
        assertThat(report.coldStartMillis()).containsExactly(50L);
        assertThat(report.dispatchMillis()).containsExactly(100L);
        assertThat(report.closeMillis()).containsExactly(150L);
        assertThat(report.meetsTargets()).isTrue();
    }

    @Test
    void aWorkerIdleWhileAVariantWaitsElsewhereCountsAsIdle() {
        // three variants at once; w1's partitions hold two of them, w2 finishes early and waits with nothing of its own
        proposed("a", 0);
        proposed("b", 0);
        proposed("c", 0);
        started("a", "w1", 0);
        started("b", "w2", 0);
        result("b", "w2", 2_000);
        result("a", "w1", 10_000);
        started("c", "w1", 10_000);
        // w2 trains something later, so its lifetime covers the wait for c
        proposed("d", 15_000);
        started("d", "w2", 15_000);
        result("d", "w2", 16_000);
        result("c", "w1", 20_000);

        ThroughputReport report = ThroughputReport.of(events);
        // w2 was idle from 2 s to 15 s, of which 2 s to 10 s with c waiting
        assertThat(report.idleWhileQueued()).isCloseTo(8.0, within(1e-9));
        assertThat(report.trainingSeconds()).isCloseTo(23.0, within(1e-9));
        assertThat(report.busyFraction()).isCloseTo(23.0 / 31.0, within(1e-9));
        assertThat(report.meetsTargets()).isFalse();
    }

    @Test
    void aVariantRestartedAfterItsWorkerDiedIsNotADispatchDelay() {
        proposed("a", 0);
        proposed("b", 0);
        started("a", "w1", 100);
        // w1 is killed; its replacement w2 starts 12 s later and trains both
        started("a", "w2", 12_100);
        result("a", "w2", 20_000);
        started("b", "w2", 20_050);
        result("b", "w2", 30_000);
        closed(0, 30_100, false);

        ThroughputReport report = ThroughputReport.of(events);
        assertThat(report.restarted()).isEqualTo(1);
        assertThat(report.coldStartMillis()).containsExactly(100L);
        assertThat(report.dispatchMillis()).containsExactly(50L);
        assertThat(report.idleWhileQueued()).isCloseTo(0.05, within(1e-9));
        assertThat(report.text()).contains("1 variant(s) started again after a lost worker");
    }

    @Test
    void aGenerationClosedOnItsDeadlineIsCountedApart() {
        proposed("a", 0);
        started("a", "w1", 10);
        result("a", "w1", 1_000);
        closed(0, 120_000, true);

        ThroughputReport report = ThroughputReport.of(events);
        assertThat(report.closeMillis()).isEmpty();
        assertThat(report.closedOnDeadline()).isEqualTo(1);
    }

    @Test
    void aWorkerTrainingTwoVariantsAtOnceIsTwoSlots() {
        proposed("a", 0);
        proposed("b", 0);
        proposed("c", 0);
        started("a", "w1", 20);
        started("b", "w1", 30);
        result("a", "w1", 5_000);
        started("c", "w1", 5_040);
        result("b", "w1", 6_000);
        result("c", "w1", 9_000);

        ThroughputReport report = ThroughputReport.of(events);
        assertThat(report.coldStartMillis()).containsExactly(20L);
        assertThat(report.dispatchMillis()).containsExactlyInAnyOrder(30L, 40L);
        assertThat(report.trainingSeconds()).isCloseTo(4.98 + 5.97 + 3.96, within(1e-9));
        assertThat(report.idleWhileQueued()).isCloseTo(0.04, within(1e-9));
    }

    private void proposed(String variant, long at) {
        events.add(new VariantProposed(id(), 1, "run", T0.plusMillis(at), 0, variant, "as-" + variant,
                AssignmentKind.MUTATE, "agent-1", "agent-2", List.of("seed"), "class Gpt {}", "0".repeat(64), "",
                "why", new MutatorInfo("offline", null), new TokenUsage(0, 0, 0, 0), ProposalStatus.VALID, List.of(),
                new DatasetSpec("data.txt", null, "char", 0.1), new TrainingBudget(1000, 10), 1));
    }

    private void started(String variant, String worker, long at) {
        events.add(new TrainingStarted(id(), 1, "run", T0.plusMillis(at), 0, variant, worker, 1));
    }

    private void result(String variant, String worker, long at) {
        events.add(new TrainingCompleted(id(), 1, "run", T0.plusMillis(at), 0, variant, worker, 1,
                new TrainingMetrics(2, 2, 4, 2, 1000, 10, 100, 1000, 6000, 1e9, 0.1, 1 << 20, 1, 1, "cpu"),
                new ArchitectureCard(1, 1, 8, 8, 65)));
    }

    private void closed(int generation, long at, boolean timedOut) {
        RankedVariant ranked = new RankedVariant(1, "a", "agent-1",
                timedOut ? VariantOutcome.TIMED_OUT : VariantOutcome.COMPLETED, timedOut ? null : 1.0,
                timedOut ? null : 2.0, timedOut ? null : 0.1, timedOut ? null : 100.0, null);
        events.add(new GenerationClosed(id(), 1, "run", T0.plusMillis(at), generation, List.of(ranked), List.of(),
                new GenerationStatistics(1, timedOut ? 0 : 1, 0, timedOut ? 1 : 0, null, null, 0, 0, 0, 0), null));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
