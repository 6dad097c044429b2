package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.data.CorpusSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox on its own: a real child JVM trains the seed program behind the wall (attacks: HostileChildIT). */
class SandboxIT {

    @TempDir
    Path workRoot;

    @Test
    void theSeedProgramTrainsInAChildJvmAndEveryMetricIsMeasured() {
        Sandbox sandbox = new Sandbox(TestSandboxes.settings(workRoot), System.getenv());
        // the CPU preset (batch 12 x context 64) for five steps, scored on a small held-out set
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.shakespeare().toString()), 12 * 64 * 5, 0)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(2, 8, 64, 7)).withPeakFlops(1e11);
        List<ProgressPoint> points = new ArrayList<>();

        SandboxOutcome outcome = sandbox.run(new SandboxRequest("seed-1", TestPrograms.seed(), config), points::add,
                new Cancellation());

        assertThat(outcome).isInstanceOf(SandboxOutcome.Completed.class);
        SandboxOutcome.Completed completed = (SandboxOutcome.Completed) outcome;
        TrainingMetrics m = completed.metrics();
        assertThat(List.of(m.valLoss(), m.valBitsPerByte(), m.perplexity(), m.finalTrainLoss(), m.tokensPerSecond(),
                m.flopsPerToken(), m.peakFlops(), m.mfu(), m.trainSeconds(), m.totalSeconds())).allMatch(v -> v > 0);
        assertThat(List.of(m.tokensTrained(), m.steps(), m.parameters(), m.peakMemoryBytes())).allMatch(v -> v > 0);
        assertThat(m.tokensTrained()).isEqualTo(12 * 64 * 5);
        assertThat(m.valLoss()).isLessThan(Math.log(65));
        assertThat(completed.architecture().layers()).isEqualTo(4);
        assertThat(completed.architecture().vocabularySize()).isEqualTo(65);
        assertThat(points).isNotEmpty();
        Overhead overhead = completed.overhead();
        assertThat(overhead.jvmStartSeconds()).isPositive();
        assertThat(overhead.compileSeconds()).isPositive();
        assertThat(overhead.totalSeconds()).isGreaterThan(overhead.compileSeconds());
        assertThat(workRoot).isEmptyDirectory();
    }

    @Test
    void onlyTheCalibrationChildMayWriteTheEngineCacheAndVariantsThenUseIt(@TempDir Path freshCache)
            throws IOException, InterruptedException {
        Sandbox sandbox = new Sandbox(TestSandboxes.settings(workRoot, freshCache), System.getenv());
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.wonderland().toString()), 64, 0)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(1, 2, 16, 1)).withPeakFlops(1e11);
        SandboxRequest request = new SandboxRequest("benign", TestPrograms.hostile(""), config);

        SandboxOutcome before = sandbox.run(request, point -> { }, new Cancellation());
        Calibration.Result calibrated = Calibration.run(TestSandboxes.settings(workRoot, freshCache), System.getenv(),
                Duration.ofMinutes(5));
        SandboxOutcome after = sandbox.run(request, point -> { }, new Cancellation());

        assertThat(before).as("a variant cannot extract libtorch into a read-only cache")
                .isInstanceOf(SandboxOutcome.Failed.class);
        assertThat(((SandboxOutcome.Failed) before).failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(calibrated.device()).isEqualTo("cpu");
        assertThat(calibrated.peakFlops()).isGreaterThan(1e9);
        assertThat(after).isInstanceOf(SandboxOutcome.Completed.class);
        assertThat(workRoot).isEmptyDirectory();
    }
}
