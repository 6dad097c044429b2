package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.MetricComparison;
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
