package ai.darwin.statistics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SequentialTestTest {

    private static final SequentialTest VAL_BPB = SequentialTest.between(3, 8, 0.01, true);

    @Test
    void looksAtThreeFiveAndEightPairsAtAThirdOfAlphaEach() {
        assertThat(VAL_BPB.looks()).containsExactly(3, 5, 8);
        assertThat(VAL_BPB.alphaPerLook()).isEqualTo(0.01 / 3);
    }

    @Test
    void aClearImprovementStopsEarly() {
        double[] a = {3.80, 3.81, 3.79, 3.82, 3.80};
        double[] b = {3.72, 3.74, 3.71, 3.74, 3.73};

        assertThat(VAL_BPB.decide("val_bpb", Arrays.copyOf(a, 3), Arrays.copyOf(b, 3)))
                .isEqualTo(SequentialTest.Decision.BETTER);
    }

    @Test
    void identicalProgramsStopAtTheFirstLookAsNotBetter() {
        double[] a = {3.8, 3.7, 3.9};

        assertThat(VAL_BPB.decide("val_bpb", a, a.clone())).isEqualTo(SequentialTest.Decision.NOT_BETTER);
    }

    @Test
    void betweenLooksItContinuesAndAtTheLastItDecides() {
        double[] a = {3.80, 3.90, 3.70, 3.85};
        double[] b = {3.79, 3.92, 3.69, 3.84};

        assertThat(VAL_BPB.decide("val_bpb", a, b)).isEqualTo(SequentialTest.Decision.CONTINUE);
        double[] a8 = {3.80, 3.90, 3.70, 3.85, 3.75, 3.82, 3.88, 3.77};
        double[] b8 = {3.79, 3.92, 3.69, 3.84, 3.76, 3.80, 3.89, 3.76};
        assertThat(VAL_BPB.decide("val_bpb", a8, b8)).isEqualTo(SequentialTest.Decision.NOT_BETTER);
    }

    @Test
    void aWorseProgramIsNotBetterAndAHigherIsBetterMetricFlipsTheDirection() {
        double[] a = {3.80, 3.81, 3.79};
        double[] b = {3.90, 3.92, 3.89};

        assertThat(VAL_BPB.decide("val_bpb", a, b)).isEqualTo(SequentialTest.Decision.NOT_BETTER);
        assertThat(SequentialTest.between(3, 8, 0.01, false).decide("tokens_per_second", a, b))
                .isEqualTo(SequentialTest.Decision.BETTER);
    }

    /** The 0.04 % a default run once "verified" at p = 0.0046: real, and far too small to call an improvement. */
    @Test
    void aSignificantDifferenceSmallerThanTheMinimumEffectIsNotBetter() {
        SequentialTest halfAPercent = SequentialTest.between(3, 5, 0.01, true, 0.005);
        double[] a = {3.6000, 3.6100, 3.5900, 3.6050, 3.5950};
        double[] b = {3.5987, 3.6086, 3.5888, 3.6036, 3.5938};

        assertThat(SequentialTest.between(3, 5, 0.01, true).decide("val_bpb", a, b))
                .isEqualTo(SequentialTest.Decision.BETTER);
        assertThat(halfAPercent.decide("val_bpb", a, b)).isEqualTo(SequentialTest.Decision.NOT_BETTER);
        PairedComparison look = PairedComparison.of("val_bpb", a, b, 1 - halfAPercent.alphaPerLook());
        assertThat(halfAPercent.significantButSmall(look, halfAPercent.margin(a))).isTrue();
    }

    @Test
    void anImprovementBeyondTheMinimumEffectIsBetterAndOneThatMightBeSmallerWaitsForMorePairs() {
        SequentialTest halfAPercent = SequentialTest.between(3, 8, 0.01, true, 0.005);
        double[] a = {3.60, 3.61, 3.59};
        double[] twoPercent = {3.528, 3.538, 3.518};
        // 0.6 % better on average, but noisy enough that under 0.5 % is not yet excluded
        double[] aboutTheMargin = {3.570, 3.600, 3.575};

        assertThat(halfAPercent.decide("val_bpb", a, twoPercent)).isEqualTo(SequentialTest.Decision.BETTER);
        assertThat(halfAPercent.decide("val_bpb", a, aboutTheMargin)).isEqualTo(SequentialTest.Decision.CONTINUE);
        assertThat(halfAPercent.margin(a)).isCloseTo(0.018, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theMinimumEffectIsAFractionBelowOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SequentialTest.between(3, 5, 0.01, true, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimum effect");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SequentialTest.between(3, 5, 0.01, true, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Under the null (B's differences are pure noise), the whole procedure says BETTER at most alpha of the time. */
    @Test
    void itsFalsePositiveRateStaysBelowAlpha() {
        SplittableRandom random = new SplittableRandom(7);
        int trials = 20_000;
        int falsePositives = 0;
        SequentialTest test = SequentialTest.between(3, 8, 0.05, true);
        for (int trial = 0; trial < trials; trial++) {
            double[] a = new double[test.maxPairs()];
            double[] b = new double[test.maxPairs()];
            for (int i = 0; i < a.length; i++) {
                a[i] = 3.8 + 0.05 * gaussian(random);
                b[i] = a[i] + 0.01 * gaussian(random);
            }
            for (int n = 2; n <= test.maxPairs(); n++) {
                SequentialTest.Decision decision = test.decide("val_bpb", Arrays.copyOf(a, n), Arrays.copyOf(b, n));
                if (decision == SequentialTest.Decision.BETTER) {
                    falsePositives++;
                }
                if (decision != SequentialTest.Decision.CONTINUE) {
                    break;
                }
            }
        }
        assertThat((double) falsePositives / trials).isLessThanOrEqualTo(0.05 / 2 + 0.005);
    }

    @Test
    void theNextLookSaysHowManyPairsToTrainAfterAFailedOne() {
        assertThat(VAL_BPB.pairsToNextLook(0)).isEqualTo(3);
        assertThat(VAL_BPB.pairsToNextLook(2)).isEqualTo(1);
        assertThat(VAL_BPB.pairsToNextLook(3)).isEqualTo(2);
        assertThat(VAL_BPB.pairsToNextLook(8)).isZero();
    }

    @Test
    void concludingWithFewerPairsThanPlannedTestsAtTheSameLevel() {
        double[] a = {3.80, 3.81, 3.79, 3.82};
        double[] b = {3.72, 3.74, 3.71, 3.74};

        assertThat(VAL_BPB.decide("val_bpb", a, b)).isEqualTo(SequentialTest.Decision.CONTINUE);
        assertThat(VAL_BPB.conclude("val_bpb", a, b)).isEqualTo(SequentialTest.Decision.BETTER);
        double[] noisy = {3.79, 3.83, 3.78, 3.81};
        assertThat(VAL_BPB.conclude("val_bpb", a, noisy)).isEqualTo(SequentialTest.Decision.NOT_BETTER);
        assertThat(VAL_BPB.conclude("val_bpb", new double[] {3.8}, new double[] {3.0}))
                .isEqualTo(SequentialTest.Decision.NOT_BETTER);
    }

    /** Pairs lost to failures end the test early with {@link SequentialTest#conclude}; alpha still holds. */
    @Test
    void concludingAfterLostPairsKeepsTheFalsePositiveRateBelowAlpha() {
        SplittableRandom random = new SplittableRandom(11);
        int trials = 20_000;
        int falsePositives = 0;
        SequentialTest test = SequentialTest.between(3, 8, 0.05, true);
        for (int trial = 0; trial < trials; trial++) {
            double[] a = new double[test.maxPairs()];
            double[] b = new double[test.maxPairs()];
            int completed = 0;
            SequentialTest.Decision decision = SequentialTest.Decision.CONTINUE;
            // at most maxPairs attempts, a fifth of them failing: looks happen at planned sizes only
            for (int attempt = 0; attempt < test.maxPairs() && decision == SequentialTest.Decision.CONTINUE;
                 attempt++) {
                if (random.nextDouble() < 0.2) {
                    continue;
                }
                a[completed] = 3.8 + 0.05 * gaussian(random);
                b[completed] = a[completed] + 0.01 * gaussian(random);
                completed++;
                decision = test.decide("val_bpb", Arrays.copyOf(a, completed), Arrays.copyOf(b, completed));
            }
            if (decision == SequentialTest.Decision.CONTINUE) {
                decision = test.conclude("val_bpb", Arrays.copyOf(a, completed), Arrays.copyOf(b, completed));
            }
            falsePositives += decision == SequentialTest.Decision.BETTER ? 1 : 0;
        }
        assertThat((double) falsePositives / trials).isLessThanOrEqualTo(0.05 / 2 + 0.005);
    }

    @Test
    void looksMustAscendFromTwo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SequentialTest(List.of(3, 3), 0.01, true))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SequentialTest(List.of(1, 3), 0.01, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
