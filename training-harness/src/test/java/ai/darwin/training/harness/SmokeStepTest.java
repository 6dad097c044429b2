package ai.darwin.training.harness;

import ai.darwin.training.sdk.ArchitectureCard;
import ai.darwin.training.sdk.Batches;
import ai.darwin.training.sdk.TrainedModel;
import ai.darwin.training.sdk.TrainingContext;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke step: a program that fails only in evaluation fails after the first few steps, with its usual class and
 * the harness's marker; a program that passes scores exactly what it scores without one.
 */
class SmokeStepTest {

    private static final long STEP_TOKENS = (long) TinySeed.BATCH * TinySeed.CONTEXT;
    private static final int SMOKE_STEPS = 3;
    /** Twelve steps: past the smoke step's, short enough for a shared two-core machine. */
    private static final long RUN_STEPS = 12;
    private static final HarnessConfig RUN = HarnessConfig.of(TestCorpora.shakespeare(), RUN_STEPS * STEP_TOKENS, 0)
            .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(2, 8, 32, 11));
    /** The seed's hand-over, whose evaluation-mode forward the edits below break. */
    private static final String FORWARD = "ids -> model.forward(ids, false));";

    /** Trains like the seed; in evaluation mode (and only there) its logits miss the last token of the vocabulary. */
    private static String wrongLogitsInEvaluation() {
        return edited(FORWARD, "ids -> model.forward(ids, false).get(\":, :, :-1\"));");
    }

    /** Trains like the seed, finite training losses; its evaluation-mode logits are NaN. */
    private static String nanLogitsInEvaluation() {
        return edited(FORWARD, "ids -> model.forward(ids, false).mul(Float.NaN));");
    }

    private static String edited(String line, String replacement) {
        String source = TinySeed.source(false);
        assertThat(source).contains(line);
        return source.replace(line, replacement);
    }

    private static HarnessReport run(String source, HarnessConfig config) {
        return HarnessRunner.runSource(source, config, point -> { });
    }

    @Test
    void aProgramThatBreaksOnlyInEvaluationFailsInTheSmokeStepAfterItsFirstSteps() {
        // a budget the program would need minutes to spend: only the smoke step can end this test quickly
        HarnessConfig long_ = RUN.withSmokeSteps(SMOKE_STEPS);
        long_ = new HarnessConfig(long_.corpus(), long_.validationFraction(), 100_000 * STEP_TOKENS, 0, long_.seed(),
                long_.preset(), long_.evaluation(), long_.peakFlops(), long_.extraCorpora(), SMOKE_STEPS);
        List<ProgressPoint> seen = new ArrayList<>();

        HarnessReport report = HarnessRunner.runSource(wrongLogitsInEvaluation(), long_, seen::add);

        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).startsWith(HarnessRunner.SMOKE_MARKER)
                .contains("first " + SMOKE_STEPS + " training steps").contains("must have shape");
        // it trained the smoke step's steps and no more
        assertThat(report.progress()).isNotEmpty();
        ProgressPoint last = report.progress().get(report.progress().size() - 1);
        assertThat(last.step()).isEqualTo(SMOKE_STEPS);
        assertThat(last.tokens()).isEqualTo(SMOKE_STEPS * STEP_TOKENS);
        assertThat(report.timings().trainSeconds()).isPositive().isLessThan(30);
        assertThat(report.timings().smokeSeconds()).isZero();
        // the smoke step's curve is not the run's: live progress saw none of it
        assertThat(seen).isEmpty();
    }

    @Test
    void withoutASmokeStepTheSameProgramFailsOnlyAfterItsWholeBudget() {
        HarnessReport report = run(wrongLogitsInEvaluation(), RUN);

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(report.failure().message()).doesNotContain(HarnessRunner.SMOKE_MARKER).contains("must have shape");
        assertThat(report.progress().get(report.progress().size() - 1).tokens()).isEqualTo(RUN_STEPS * STEP_TOKENS);
    }

    @Test
    void aNonFiniteValidationLossFailsInTheSmokeStepAsNanLoss() {
        HarnessReport report = run(nanLogitsInEvaluation(), RUN.withSmokeSteps(SMOKE_STEPS));

        assertThat(report.failure().failureClass()).isEqualTo(FailureClass.NAN_LOSS);
        assertThat(report.failure().message()).startsWith(HarnessRunner.SMOKE_MARKER)
                .contains("the validation loss was NaN");
        assertThat(report.progress().get(report.progress().size() - 1).step()).isEqualTo(SMOKE_STEPS);
    }

    @Test
    void aPassingSmokeStepChangesNothingOfWhatTheRunMeasures() {
        HarnessReport without = run(TinySeed.source(false), RUN);
        HarnessReport with = run(TinySeed.source(false), RUN.withSmokeSteps(SMOKE_STEPS));

        assertThat(without.failure()).isNull();
        assertThat(with.failure()).isNull();
        // same seed, same batches, a fresh instance and engine seed after the smoke step: the same numbers on a CPU
        assertThat(with.metrics().valBitsPerByte()).isEqualTo(without.metrics().valBitsPerByte());
        assertThat(with.metrics().valLoss()).isEqualTo(without.metrics().valLoss());
        assertThat(with.metrics().finalTrainLoss()).isEqualTo(without.metrics().finalTrainLoss());
        assertThat(with.metrics().tokensTrained()).isEqualTo(without.metrics().tokensTrained());
        assertThat(with.metrics().steps()).isEqualTo(without.metrics().steps());
        assertThat(with.metrics().parameters()).isEqualTo(without.metrics().parameters());
        assertThat(with.progress()).extracting(ProgressPoint::step, ProgressPoint::trainLoss)
                .isEqualTo(without.progress().stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.step(),
                        p.trainLoss())).toList());
        // its time is its own, not the run's training or evaluation
        assertThat(with.timings().smokeSeconds()).isPositive();
        assertThat(without.timings().smokeSeconds()).isZero();
    }

    @Test
    void aProgramThatDoesNotPollTheBudgetIsNotFailedByTheSmokeStep() {
        // trains a fixed ten steps (within its budget) without asking exhausted(): the smoke step cannot stop it
        HarnessReport report = HarnessRunner.run(context -> {
            Batches batches = context.batches(2, 16);
            boolean training = !context.budget().exhausted();
            for (int step = 1; training && step <= 10; step++) {
                try (NDManager stepManager = context.manager().newSubManager()) {
                    batches.next(stepManager);
                }
                context.progress().report(step, 4.0);
            }
            return uniform(context);
        }, HarnessConfig.of(TestCorpora.shakespeare(), 10 * 32, 0)
                .withEvaluation(new HarnessConfig.Evaluation(2, 4, 32, 5)).withSmokeSteps(SMOKE_STEPS));

        assertThat(report.failure()).isNull();
        assertThat(report.metrics().tokensTrained()).isEqualTo(10 * 32);
        assertThat(report.timings().smokeSeconds()).isPositive();
    }

    /**
     * What a model rebuilt for evaluation can observe (its budget, its seed, the shape of the ids it is shown) is the
     * same in the smoke step as in the scoring: it cannot behave in one and cheat in the other.
     */
    @Test
    void theSmokeStepsEvaluationLooksToTheModelLikeTheScoring() {
        List<String> trainings = new ArrayList<>();
        List<List<String>> evaluations = new ArrayList<>();
        HarnessReport report = HarnessRunner.run(context -> {
            String view = view(context);
            if (!context.budget().exhausted()) {
                trainings.add(view);
                evaluations.add(new ArrayList<>());
                Batches batches = context.batches(2, 16);
                while (!context.budget().exhausted()) {
                    try (NDManager stepManager = context.manager().newSubManager()) {
                        batches.next(stepManager);
                    }
                    context.progress().report(1, 4.0);
                }
                return uniform(context);
            }
            List<String> seen = evaluations.get(evaluations.size() - 1);
            NDManager manager = context.manager();
            return TrainedModel.of(CARD, List.of(manager.zeros(new Shape(3, 4))), ids -> {
                seen.add(view + " ids " + ids.getShape());
                return ids.getManager().zeros(new Shape(ids.getShape().get(0), ids.getShape().get(1),
                        context.vocabularySize()));
            });
        }, HarnessConfig.of(TestCorpora.shakespeare(), 8 * 32, 0)
                .withEvaluation(new HarnessConfig.Evaluation(2, 4, 32, 5)).withSmokeSteps(2));

        assertThat(report.failure()).isNull();
        // the smoke step's training, then the run's: both see the run's own budget and seed at the start
        assertThat(trainings).hasSize(2);
        assertThat(trainings.get(0)).isEqualTo(trainings.get(1));
        List<String> smoke = evaluations.get(0);
        List<String> scoring = evaluations.get(1);
        assertThat(smoke).isNotEmpty();
        assertThat(scoring.size()).isGreaterThan(smoke.size());
        assertThat(scoring.subList(0, smoke.size())).isEqualTo(smoke);
    }

    private static final ArchitectureCard CARD = new ArchitectureCard(1, 2, 4, 16);

    private static String view(TrainingContext context) {
        return "budget " + context.budget().maxTokens() + "/" + context.budget().maxSeconds() + " used "
                + context.budget().tokensUsed() + " fraction " + context.budget().fractionUsed() + " exhausted "
                + context.budget().exhausted() + " seed " + context.seed() + " preset " + context.preset();
    }

    private static TrainedModel uniform(TrainingContext context) {
        int vocabulary = context.vocabularySize();
        return TrainedModel.of(CARD, List.of(context.manager().zeros(new Shape(3, 4))), ids -> ids.getManager()
                .zeros(new Shape(ids.getShape().get(0), ids.getShape().get(1), vocabulary)));
    }

    /**
     * The smoke step shows the model held-out input ids before the run trains. A program that keeps them in a static
     * field for its real training to learn from must find nothing there: every instance is defined anew in a class
     * loader of its own, so the run's instance cannot see what the smoke step's saw.
     */
    @Test
    void whatTheSmokeStepsModelSawOfTheHeldOutTextNeverReachesTheRunsTraining() {
        String source = TinySeed.source(false)
                .replace("public class SeedGpt implements TrainingProgram {",
                        "public class SeedGpt implements TrainingProgram {\n    static Object leaked;")
                .replace("public TrainedModel train(TrainingContext ctx) {", "public TrainedModel train(TrainingContext "
                        + "ctx) {\n        if (leaked != null) { throw new IllegalStateException(\"held-out ids leaked\"); }")
                .replace(FORWARD, "ids -> { leaked = ids; return model.forward(ids, false); });");
        assertThat(source).contains("static Object leaked;", "held-out ids leaked", "leaked = ids;");

        HarnessReport report = run(source, RUN.withSmokeSteps(SMOKE_STEPS));

        assertThat(report.failure()).as("the run's training saw the smoke step's held-out ids").isNull();
        assertThat(report.metrics()).isNotNull();
    }
}
