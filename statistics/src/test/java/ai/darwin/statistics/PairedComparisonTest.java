package ai.darwin.statistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedComparisonTest {

    /** Differences 0.1, 0.3, -0.1, 0.2, 0.4: mean 0.18, sd 0.19235, t = 2.0925 on 4 degrees of freedom. */
    private static final double[] A = {1, 2, 3, 4, 5};
    private static final double[] B = {1.1, 2.3, 2.9, 4.2, 5.4};

    @Test
    void aPairedTTestOnKnownData() {
        PairedComparison comparison = PairedComparison.of("val_bpb", A, B, 0.95);

        assertThat(comparison.pairs()).isEqualTo(5);
        assertThat(comparison.meanA()).isCloseTo(3.0, within(1e-12));
        assertThat(comparison.meanB()).isCloseTo(3.18, within(1e-12));
        assertThat(comparison.meanDifference()).isCloseTo(0.18, within(1e-12));
        // R: t.test(B, A, paired = TRUE) gives t = 2.0925, p-value = 0.1045, 95 % CI [-0.05884, 0.41884]
        assertThat(comparison.pValue()).isCloseTo(0.1045, within(5e-5));
        assertThat(comparison.ciLow()).isCloseTo(-0.05884, within(5e-5));
        assertThat(comparison.ciHigh()).isCloseTo(0.41884, within(5e-5));
        assertThat(comparison.relativeDifference()).isCloseTo(0.06, within(1e-12));
    }

    @Test
    void identicalRunsAreATieWithPOne() {
        PairedComparison comparison = PairedComparison.of("val_bpb", A, A.clone(), 0.95);

        assertThat(comparison.pValue()).isEqualTo(1.0);
        assertThat(comparison.ciLow()).isZero();
        assertThat(comparison.ciHigh()).isZero();
    }

    @Test
    void theSameNonZeroDifferenceEveryTimeIsCertain() {
        PairedComparison comparison = PairedComparison.of("val_bpb", new double[] {3, 4, 5},
                new double[] {2.9, 3.9, 4.9}, 0.95);

        assertThat(comparison.pValue()).isLessThan(1e-12);
        assertThat(comparison.meanDifference()).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void onePairSaysNothing() {
        PairedComparison comparison = PairedComparison.of("val_bpb", new double[] {3}, new double[] {2}, 0.95);

        assertThat(comparison.pValue()).isEqualTo(1.0);
        assertThat(comparison.ciLow()).isNegative().isInfinite();
    }
}
