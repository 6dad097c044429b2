package ai.darwin.training.harness;

import ai.darwin.training.harness.compile.ProgramCompiler;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingProgram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Trains the seed program's CPU preset on tiny Shakespeare for a fixed token budget (about 15 s on two idle cores). */
class SeedProgramTrainingTest {

    private static final long TOKEN_BUDGET = 200_000;
    /** N of the CPU preset: 65·128 + 64·128 + 4·(12·128² + 2·128) + 128. */
    private static final long CPU_PRESET_PARAMETERS = 804_096;

    @Test
    void cpuPresetLearnsShakespeareWellBeyondAUnigramModel() throws HarnessException {
        TrainingProgram seed = ProgramCompiler.compile(SeedProgram.source()).newInstance();
        AtomicInteger arraysAfterTraining = new AtomicInteger(-1);
        HarnessConfig config = HarnessConfig.of(TestCorpora.shakespeare(), TOKEN_BUDGET, 0).withPreset("cpu");

        HarnessReport report = HarnessRunner.run(context -> {
            TrainedModel model = seed.train(context);
            // the first call trains; later ones rebuild the model for evaluation
            arraysAfterTraining.compareAndSet(-1, context.manager().getManagedArrays().size());
            return model;
        }, config);

        assertThat(report.failure()).isNull();
        Metrics metrics = report.metrics();
        System.out.printf("seed CPU preset: val loss %.3f (unigram %.3f), %.3f bits/byte, train loss %.3f, "
                        + "%.0f tokens/s, MFU %.3f of %.1f GFLOP/s, %.1f s training, %.1f s total, peak RSS %d MB%n",
                metrics.valLoss(), report.unigramValLoss(), metrics.valBitsPerByte(), metrics.finalTrainLoss(),
                metrics.tokensPerSecond(), metrics.mfu(), metrics.peakFlops() / 1e9, metrics.trainSeconds(),
                metrics.totalSeconds(), metrics.peakMemoryBytes() >> 20);

        assertThat(metrics.valLoss()).isLessThan(report.unigramValLoss() - 0.6);
        List<ProgressPoint> curve = report.progress();
        assertThat(curve.get(0).trainLoss() - metrics.finalTrainLoss()).isGreaterThan(1.0);
        assertThat(metrics.valBitsPerByte()).isCloseTo(metrics.valLoss() / Math.log(2), within(1e-9));
        // the harness refuses a batch that would pass the budget: the program stops within one batch below it
        assertThat(metrics.tokensTrained()).isBetween(TOKEN_BUDGET - 12 * 64, TOKEN_BUDGET);
        assertThat(metrics.parameters()).isEqualTo(CPU_PRESET_PARAMETERS);
        assertThat(metrics.mfu()).isBetween(0.0, 1.0);
        assertThat(report.architecture()).isEqualTo(new ArchitectureCard(4, 4, 128, 64));
        // one sub-manager per step: the root keeps only parameters and optimizer state, not per-step arrays
        assertThat(arraysAfterTraining.get()).isLessThan(200);
    }
}
