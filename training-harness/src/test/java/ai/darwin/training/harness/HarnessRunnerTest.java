package ai.darwin.training.harness;

import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.Batches;
import ai.darwin.training.sdk.BudgetExhaustedException;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingContext;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HarnessRunnerTest {

    private static final HarnessConfig CONFIG = HarnessConfig.of(TestCorpora.shakespeare(), 256, 0)
            .withEvaluation(new HarnessConfig.Evaluation(2, 4, 32, 5));
    private static final ArchitectureCard CARD = new ArchitectureCard(1, 2, 4, 16);

    /** Trains nothing: draws batches until the budget is spent, reporting a constant loss. */
    private static void spendBudget(TrainingContext context, double reportedLoss) {
        Batches batches = context.batches(2, 16);
        long step = 0;
        while (!context.budget().exhausted()) {
            try (NDManager stepManager = context.manager().newSubManager()) {
                batches.next(stepManager);
            }
            context.progress().report(++step, reportedLoss);
        }
    }

    /** A model that guesses uniformly: all-zero logits. Its one parameter is listed twice, like a tied weight. */
    private static TrainedModel uniformModel(TrainingContext context, UnaryOperator<NDArray> adjust) {
        int vocabulary = context.vocabularySize();
        NDArray weight = context.manager().zeros(new Shape(3, 4));
        return TrainedModel.of(CARD, List.of(weight, weight), ids -> adjust.apply(ids.getManager()
                .zeros(new Shape(ids.getShape().get(0), ids.getShape().get(1), vocabulary))));
    }

    @Test
    void aUniformGuessScoresLnVAndTheHarnessMeasuresTheRun() {
        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, 4.0);
            return uniformModel(context, logits -> logits);
        }, CONFIG);

        assertThat(report.failure()).isNull();
        Metrics metrics = report.metrics();
        int vocabulary = report.vocabularySize();
        assertThat(vocabulary).isEqualTo(65);
        assertThat(metrics.valLoss()).isCloseTo(Math.log(65), within(1e-5));
        // tiny Shakespeare is ASCII: one byte per character, so bits per byte = log2 V
        assertThat(metrics.valBitsPerByte()).isCloseTo(Math.log(65) / Math.log(2), within(1e-5));
        assertThat(metrics.perplexity()).isCloseTo(65, within(1e-3));
        // it lists a 3 × 4 array (twice) but never uses it: nothing counts
        assertThat(metrics.parameters()).isZero();
        assertThat(metrics.tokensTrained()).isEqualTo(256);
        assertThat(metrics.steps()).isEqualTo(8);
        assertThat(metrics.finalTrainLoss()).isEqualTo(4.0);
        // and a card of one layer at width 4 is more than no parameters can hold: no attention FLOPs either
        assertThat(metrics.flopsPerToken()).isZero();
        assertThat(metrics.mfu()).isCloseTo(metrics.flopsPerToken() * metrics.tokensPerSecond() / metrics.peakFlops(),
                within(1e-12));
        assertThat(metrics.peakMemoryBytes()).isPositive();
        assertThat(metrics.device()).isEqualTo("cpu");
        assertThat(metrics.totalSeconds()).isGreaterThanOrEqualTo(metrics.trainSeconds());
        assertThat(report.architecture()).isEqualTo(CARD);
        assertThat(report.progress()).hasSize(8);
        assertThat(report.unigramValLoss()).isBetween(2.5, Math.log(65));
    }

    @Test
    void theProgramGetsTheRunsSeedAndASeededEngine() {
        List<Float> draws = new ArrayList<>();
        TrainingProgram program = context -> {
            assertThat(context.seed()).isEqualTo(99);
            assertThat(context.preset()).isEqualTo("cpu");
            if (!context.budget().exhausted()) {
                // the training call; later calls rebuild the model for evaluation with a spent budget
                draws.add(context.manager().randomNormal(new Shape(1)).getFloat());
            }
            spendBudget(context, 4.0);
            return uniformModel(context, logits -> logits);
        };

        HarnessRunner.run(program, CONFIG.withSeed(99));
        HarnessRunner.run(program, CONFIG.withSeed(99));

        assertThat(draws).hasSize(2);
        assertThat(draws.get(1)).isEqualTo(draws.get(0));
    }

    @Test
    void aNanTrainingLossIsClassified() {
        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, Double.NaN);
            return uniformModel(context, logits -> logits);
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.NAN_LOSS);
        assertThat(report.progress()).isNotEmpty();
    }

    @Test
    void aNanLossStopsTrainingAtOnceInsteadOfSpendingTheBudget() {
        HarnessConfig long_ = HarnessConfig.of(TestCorpora.shakespeare(), 1_000_000, 0)
                .withEvaluation(new HarnessConfig.Evaluation(2, 4, 32, 5));
        long[] drawn = {0};

        HarnessReport report = HarnessRunner.run(context -> {
            Batches batches = context.batches(2, 16);
            long step = 0;
            while (!context.budget().exhausted()) {
                try (NDManager stepManager = context.manager().newSubManager()) {
                    batches.next(stepManager);
                }
                context.progress().report(++step, step >= 3 ? Double.NaN : 4.0);
            }
            drawn[0] = context.budget().tokensUsed();
            return uniformModel(context, logits -> logits);
        }, long_);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.NAN_LOSS);
        assertThat(report.failure().message()).contains("stopped at once");
        assertThat(drawn[0]).as("three batches of 32 tokens, not a million tokens").isEqualTo(3 * 32);
    }

    @Test
    void nanLogitsAreClassified() {
        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, 4.0);
            return uniformModel(context, logits -> logits.add(Float.NaN));
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.NAN_LOSS);
        assertThat(report.failure().message()).contains("validation loss was NaN");
    }

    @Test
    void aGrowingLossIsDivergence() {
        HarnessReport report = HarnessRunner.run(context -> {
            context.progress().report(1, 4.0);
            spendBudget(context, 9.0);
            return uniformModel(context, logits -> logits);
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.DIVERGED);
    }

    @Test
    void logitsOfTheWrongShapeAreAContractViolation() {
        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, 4.0);
            return uniformModel(context, logits -> logits.get(new NDIndex(":, :, 1:")));
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("must have shape (4, 16, 65) but had (4, 16, 64)");
    }

    @Test
    void aModelThatPeeksAtLaterTokensIsAContractViolation() {
        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, 4.0);
            int vocabulary = context.vocabularySize();
            // predicts each target by reading it from the input: near-zero loss if the harness let it through
            return TrainedModel.of(CARD, List.of(), ids -> ids.get(new NDIndex(":, 1:"))
                    .concat(ids.get(new NDIndex(":, -1:")), 1).oneHot(vocabulary).mul(20));
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("not causal");
    }

    @Test
    void anExceptionIsARuntimeFailureWithItsStack() {
        HarnessReport report = HarnessRunner.run(context -> {
            throw new IllegalStateException("shapes do not match");
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        assertThat(report.failure().message()).contains("shapes do not match");
        assertThat(report.failure().detail()).contains("HarnessRunnerTest");
        assertThat(report.vocabularySize()).isEqualTo(65);
    }

    @Test
    void runningOutOfMemoryIsClassified() {
        HarnessReport heap = HarnessRunner.run(context -> {
            throw new OutOfMemoryError("Java heap space");
        }, CONFIG);
        HarnessReport engine = HarnessRunner.run(context -> {
            throw new EngineException("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory");
        }, CONFIG);

        assertThat(heap.failure().failureClass()).isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(engine.failure().failureClass()).isEqualTo(FailureClass.OUT_OF_MEMORY);
    }

    @Test
    void drawingPastTheBudgetIsAContractViolationEvenWhenCaught() {
        HarnessReport report = HarnessRunner.run(context -> {
            Batches batches = context.batches(2, 16);
            try (NDManager manager = context.manager().newSubManager()) {
                while (true) {
                    batches.next(manager);
                }
            } catch (BudgetExhaustedException ignored) {
                return uniformModel(context, logits -> logits);
            }
        }, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).contains("token budget of 256");
    }

    @Test
    void returningNoModelIsAContractViolation() {
        HarnessReport report = HarnessRunner.run(context -> null, CONFIG);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
    }

    @Test
    void aTimeBudgetStopsAProgramThatPolls() {
        HarnessConfig timed = new HarnessConfig(CONFIG.corpus(), 0.1, 0, 0.5, 1, null, CONFIG.evaluation(), 1e9);

        HarnessReport report = HarnessRunner.run(context -> {
            spendBudget(context, 4.0);
            return uniformModel(context, logits -> logits);
        }, timed);

        assertThat(report.failure()).isNull();
        assertThat(report.metrics().trainSeconds()).isBetween(0.5, 5.0);
        assertThat(report.metrics().tokensTrained()).isPositive();
        assertThat(report.metrics().peakFlops()).isEqualTo(1e9);
    }

    @Test
    void anUnreachableCorpusIsAnInfrastructureFailure() {
        HarnessConfig missing = HarnessConfig.of(CorpusSource.of("/nonexistent/corpus.txt"), 256, 0);

        HarnessReport report = HarnessRunner.run(context -> null, missing);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(report.failure().message()).contains("/nonexistent/corpus.txt");
        assertThat(report.vocabularySize()).isZero();
    }

    @Test
    void aSourceThatDoesNotCompileIsReportedWithItsDiagnostics() {
        HarnessReport report = HarnessRunner.runSource("public class Broken implements { }", CONFIG, point -> { });

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.COMPILE_ERROR);
        assertThat(report.failure().message()).contains("line 1");
    }
}
