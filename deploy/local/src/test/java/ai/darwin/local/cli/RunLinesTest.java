package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.PairedDifference;
import ai.darwin.events.run.SampleStatistics;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the terminal shows of a result, a generation and a verdict that a sanity gate held. */
class RunLinesTest {

    static final IntegrityFlag FLOOR = new IntegrityFlag(IntegrityGate.VAL_BPB_BELOW_FLOOR,
            "val_bpb 0.0000 is below the floor 1.42");

    @Test
    void theSpendLineShowsTheRunsCostAgainstItsCap() {
        assertThat(RunLines.spend(0.01234, 5)).isEqualTo("  LLM spend $0.0123 of the $5.00 cap");
        assertThat(RunLines.spend(0, 0)).isEqualTo("  LLM spend $0.0000 of mutation-service's default cap");
    }

    @Test
    void aHeldResultSaysWhichGateHeldIt() {
        TrainingMetrics metrics = new TrainingMetrics(0, 0, 1, 0, 0, 0, 0, 0, 0, 1e11, 0, 0, 1, 0.1, "cpu");
        TrainingCompleted held = new TrainingCompleted("e", 1, "run", Instant.EPOCH, 0, "v-1", "w", 7, metrics,
                new ArchitectureCard(1, 1, 8, 8, 65), List.of(FLOOR));

        assertThat(RunLines.completed(held)).contains("ok v-1").endsWith("HELD by VAL_BPB_BELOW_FLOOR");
    }

    @Test
    void aGenerationNamesTheGateThatHeldEachResult() {
        GenerationClosed closed = new GenerationClosed("e", 1, "run", Instant.EPOCH, 0, List.of(
                new RankedVariant(1, "v-2", "agent-2", VariantOutcome.COMPLETED, -1.9, 1.9, 0.2, 9000.0, null),
                new RankedVariant(2, "v-1", "agent-1", VariantOutcome.COMPLETED, null, 0.0, 0.2, 9000.0, null,
                        List.of(FLOOR))), List.of(),
                new GenerationStatistics(2, 2, 0, 0, 1.9, 1.9, 0, 0, 0, 0), null);

        List<String> lines = RunLines.closed(closed);

        assertThat(lines.get(0)).startsWith("Generation 0 closed: best val_bpb 1.9000");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("held by VAL_BPB_BELOW_FLOOR: v-1 (val_bpb 0.0000)")
                .contains("below the floor 1.42");
    }

    @Test
    void aGenerationGivesTheErrorRateAndTheErrorResolutionRate() {
        GenerationClosed closed = new GenerationClosed("e", 1, "run", Instant.EPOCH, 2, List.of(),
                List.of(), new GenerationStatistics(8, 6, 2, 0, 1.9, 2.0, 0.25, 0.125, 0.75, 0.0123), null);

        assertThat(RunLines.closed(closed).get(0)).isEqualTo("Generation 2 closed: best val_bpb 1.9000, median "
                + "2.0000, 6/8 trained, failure rate 25%, error rate 13%, error resolution 75%, cost $0.0123");
    }

    @Test
    void aGenerationShowsItsControlTheNoiseFloorAndEachCandidatesDifferenceFromTheControl() {
        GenerationClosed closed = new GenerationClosed("e", 1, "run", Instant.EPOCH, 1, List.of(
                new RankedVariant(1, "v-better", "agent-1", VariantOutcome.COMPLETED, -3.40, 3.40, 0.21, 8_400.0, null,
                        List.of(), new ControlDelta(-0.16, 0.01, 400.0, false)),
                new RankedVariant(2, "v-tie", "agent-2", VariantOutcome.COMPLETED, -3.55, 3.55, 0.20, 7_000.0, null,
                        List.of(), new ControlDelta(-0.01, null, null, true)),
                new RankedVariant(3, "run-g1-control", "baseline", VariantOutcome.COMPLETED, null, 3.56, 0.20, 8_000.0,
                        null)), List.of(), new GenerationStatistics(3, 3, 0, 0, 3.40, 3.55, 0, 0, 0, 0), null,
                "run-g1-control", new NoiseFloor(3, 0.012, 0.004, 650.0, "cpu"));

        List<String> lines = RunLines.closed(closed);

        assertThat(lines.get(1)).startsWith("  control run-g1-control (the unmodified seed program")
                .contains("val_bpb 3.5600, 8,000 tok/s");
        assertThat(lines.get(2)).isEqualTo("  noise floor: val_bpb ±0.0120, 650 tok/s, mfu 0.40% (twice the spread of "
                + "the seed program over 3 training seeds); differences within it are ties");
        assertThat(lines.get(3)).contains("v-better", "Δ val_bpb -0.1600 ± 0.0120  better", "Δ +400 tok/s",
                "Δ mfu +1.00%");
        assertThat(lines.get(4)).contains("v-tie", "Δ val_bpb -0.0100 ± 0.0120  tie (within the noise floor)")
                .doesNotContain("tok/s");
        assertThat(lines).hasSize(5);
    }

    @Test
    void aPairedVerdictGivesEachMetricsEffectWithItsIntervalAndP() {
        SampleStatistics champion = new SampleStatistics(5, 3.50, 3.45, 3.55);
        SampleStatistics seed = new SampleStatistics(5, 3.56, 3.51, 3.61);
        VerificationReport report = new VerificationReport("v-2", "baseline", List.of(1L, 2L, 3L, 4L, 5L), List.of(
                new MetricComparison("val_bpb", champion, seed, null,
                        new PairedDifference(5, -0.06, -0.09, -0.03, 0.995, 0.0021)),
                new MetricComparison("tokens_per_second", new SampleStatistics(4, 8_100, 7_900, 8_300),
                        new SampleStatistics(4, 8_000, 7_800, 8_200), null,
                        new PairedDifference(4, 100, -250, 450, 0.995, 0.41))), 0.01, true, List.of(), List.of(3, 5));

        List<String> lines = RunLines.verdict(report);

        assertThat(lines.get(0)).startsWith("Verified improvement: YES  (champion v-2 vs the unmodified seed, 5 seeds; "
                + "paired by seed, looks at 3, 5 pairs, each at p < 0.005; false-positive rate <= 0.01)");
        assertThat(lines.get(1)).contains("val_bpb", "champion 3.5000", "seed 3.5600",
                "Δ -0.0600 [-0.0900, -0.0300] (99.5%, 5 pairs)", "p = 0.0021");
        assertThat(lines.get(2)).contains("tokens_per_second", "champion 8,100",
                "Δ +100 [-250, +450] (99.5%, 4 pairs)", "p = 0.41");
    }

    /** The default run's 0.04 % that was once "verified": real, and said to be too small to be an improvement. */
    @Test
    void aSignificantDifferenceBelowTheMinimumEffectSaysSoAndTheHeaderNamesTheMinimum() {
        SampleStatistics champion = new SampleStatistics(3, 3.5987, 3.58, 3.62);
        SampleStatistics seed = new SampleStatistics(3, 3.6000, 3.58, 3.62);
        VerificationReport report = new VerificationReport("v-2", "baseline", List.of(1L, 2L, 3L), List.of(
                new MetricComparison("val_bpb", champion, seed, null,
                        new PairedDifference(3, -0.0013, -0.0026, -0.0001, 0.995, 0.0046))), 0.01, false, List.of(),
                List.of(3, 5), 0.005);

        String header = RunLines.verdict(report).get(0);

        assertThat(header).startsWith("Verified improvement: NO (significantly better, but by less than the minimum "
                + "effect of 0.5% of the seed's val_bpb)");
        assertThat(header).contains("an improvement must be at least 0.5% of the seed's val_bpb");
    }

    @Test
    void aVerdictWrittenBeforePairingStillShowsWelchsP() {
        SampleStatistics sample = new SampleStatistics(3, 1.5, 1.4, 1.6);
        VerificationReport report = new VerificationReport("v-2", "baseline", List.of(1L, 2L, 3L),
                List.of(new MetricComparison("val_bpb", sample, sample, 0.98)), 0.01, false);

        assertThat(RunLines.verdict(report).get(0)).contains("NO (not significantly better)", "Welch p < 0.01");
        assertThat(RunLines.verdict(report).get(1)).contains("Welch p = 0.98");
    }

    @Test
    void aVerdictHeldByAGateSaysNoAndNamesTheGate() {
        SampleStatistics sample = new SampleStatistics(3, 1.5, 1.4, 1.6);
        VerificationReport report = new VerificationReport("v-2", "baseline", List.of(1L, 2L, 3L),
                List.of(new MetricComparison("val_bpb", sample, sample, 0.001)), 0.01, false,
                List.of(new IntegrityFlag(IntegrityGate.MFU_ABOVE_PEAK, "v-2-s1: MFU 137 % is above 100 %")));

        List<String> lines = RunLines.verdict(report);

        assertThat(lines.get(0)).startsWith("Verified improvement: NO (held by the sanity gate MFU_ABOVE_PEAK)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  held by MFU_ABOVE_PEAK: v-2-s1: MFU 137 % is above 100 %");
    }
}
