package ai.darwin.local.compare;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.training.sandbox.SandboxOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The comparison's loop with scripted training results: order, stopping, and what ends it. */
class ComparisonTest {

    private static final CompareOptions OPTIONS = new CompareOptions(Path.of("A.java"), Path.of("B.java"), 8, 1000, 0,
            null, null, null, 100, 0.01, false, false);

    private static SandboxOutcome completed(double valBpb, double tokensPerSecond, List<IntegrityFlag> flags) {
        TrainingMetrics metrics = new TrainingMetrics(valBpb * Math.log(2), valBpb, Math.exp(valBpb * Math.log(2)),
                valBpb, 1000, 10, tokensPerSecond, 800_000, 5e6, 1e11, 0.3, 1 << 30, 10, 12, "cpu");
        return new SandboxOutcome.Completed(metrics, new ArchitectureCard(4, 4, 128, 64, 65), null, flags);
    }

    /** A's val_bpb is 3.8 plus the seed's noise; B's is A's plus its effect, plus a little noise of its own. */
    private static Comparison.Trainer effect(double effect) {
        return (label, source, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            double a = 3.8 + 0.05 * (random.nextDouble() - 0.5);
            double b = a + effect + 0.002 * (random.nextDouble() - 0.5);
            return completed(source.equals("A") ? a : b, 7000, List.of());
        };
    }

    @Test
    void aClearImprovementIsBetterAtTheFirstLookTrainedASeedAtATimeAThenB() {
        List<Comparison.Run> seen = new ArrayList<>();

        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, effect(-0.07), seen::add);

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(result.pairs()).isEqualTo(3);
        assertThat(seen).extracting(Comparison.Run::side).containsExactly("A", "B", "A", "B", "A", "B");
        assertThat(seen).extracting(Comparison.Run::seed).containsExactly(100L, 100L, 101L, 101L, 102L, 102L);
        assertThat(result.comparisons().get(0).metric()).isEqualTo("val_bpb");
        assertThat(result.comparisons().get(0).relativeDifference()).isBetween(-0.02, -0.017);
        assertThat(CompareReport.text(result)).contains("Verdict: B is better than A", "val_bpb", "tokens_per_second");
    }

    /** 0.26 % lower in every pair: significant, and below the 0.5 % a comparison asks for by default. */
    @Test
    void aCertainButTinyImprovementIsNotBetterAndTheReasonSaysWhy() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, effect(-0.01), run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.NOT_BETTER);
        assertThat(result.comparisons().get(0).pValue()).isLessThan(0.01 / 3);
        assertThat(result.reason()).contains("significantly lower, but by less than the minimum effect of 0.50 %");
        CompareOptions anyEffect = new CompareOptions(Path.of("A.java"), Path.of("B.java"), 8, 1000, 0, null, null,
                null, 100, 0.01, false, false, 0);
        assertThat(Comparison.compare("A", "B", anyEffect, effect(-0.01), run -> { }).verdict())
                .isEqualTo(Comparison.Verdict.BETTER);
    }

    @Test
    void theSameProgramIsNotBetter() {
        Comparison.Result result = Comparison.compare("A", "A", OPTIONS, effect(0), run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.NOT_BETTER);
        assertThat(result.pairs()).isEqualTo(3);
        assertThat(result.comparisons().get(0).pValue()).isEqualTo(1.0);
    }

    @Test
    void aFailedCandidateIsNotBetterAndNamesItsFailureClass() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, (label, source, seed) ->
                source.equals("A") ? completed(3.8, 7000, List.of())
                        : new SandboxOutcome.Failed(FailureClass.FORBIDDEN_API, "java.lang.System.exit", "", 1),
                run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.NOT_BETTER);
        assertThat(result.reason()).contains("B failed", "FORBIDDEN_API");
        assertThat(result.runs()).hasSize(2);
    }

    @Test
    void aHeldCandidateIsNotBetterHoweverGoodItsScore() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, (label, source, seed) ->
                completed(source.equals("A") ? 3.8 : 0.01, 7000, source.equals("A") ? List.of()
                        : List.of(new IntegrityFlag(IntegrityGate.VAL_BPB_BELOW_FLOOR, "val_bpb 0.01 below 0.8"))),
                run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.NOT_BETTER);
        assertThat(result.reason()).contains("held by a sanity gate", "below 0.8");
    }

    @Test
    void aSpeedMeasurementAboveThePeakIsReportedButTheVerdictOnValBpbStands() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, (label, source, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            double a = 3.8 + 0.05 * (random.nextDouble() - 0.5);
            return completed(source.equals("A") ? a : a - 0.07, 7000, List.of(new IntegrityFlag(
                    IntegrityGate.MFU_ABOVE_PEAK, "MFU 120 %")));
        }, run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(CompareReport.run(result.runs().get(0))).contains("flagged [MFU_ABOVE_PEAK]");
    }

    @Test
    void anInfrastructureFailureIsAnErrorNotAVerdict() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, (label, source, seed) ->
                new SandboxOutcome.Failed(FailureClass.INFRASTRUCTURE, "cannot load corpus", "", 0), run -> { });

        assertThat(result.verdict()).isEqualTo(Comparison.Verdict.ERROR);
    }

    @Test
    void itsJsonCarriesEveryMetricAndRun() {
        Comparison.Result result = Comparison.compare("A", "B", OPTIONS, effect(-0.07), run -> { });

        String json = CompareReport.json(OPTIONS, "corpus.txt", result);

        assertThat(json).contains("\"verdict\" : \"BETTER\"", "\"metric\" : \"val_bpb\"", "\"metric\" : \"mfu\"",
                "\"differenceCi95\"", "\"runs\"", "\"looks\" : [ 3, 5, 8 ]");
    }
}
