package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.SampleStatistics;
import org.junit.jupiter.api.Test;

class VerificationTest {

    @Test
    void confidenceIntervalUsesStudentsT() {
        SampleStatistics statistics = Verification.statistics(new double[] {1.0, 2.0, 3.0});
        // mean 2, sd 1, t(0.975, 2) = 4.3027
        assertThat(statistics.mean()).isEqualTo(2.0);
        assertThat(statistics.ci95High() - statistics.mean()).isCloseTo(4.3027 / Math.sqrt(3), within(1e-3));
    }

    @Test
    void thePairedDifferenceIsChampionMinusSeedWithTheIntervalAtTheGivenLevel() {
        // the seed's noise moves both programs together; the differences are -0.10, -0.11, -0.09
        MetricComparison paired = Verification.paired("val_bpb", new double[] {3.60, 3.75, 3.51},
                new double[] {3.70, 3.86, 3.60}, 0.95);

        assertThat(paired.welchP()).isNull();
        assertThat(paired.difference().pairs()).isEqualTo(3);
        assertThat(paired.difference().meanDifference()).isCloseTo(-0.10, within(1e-12));
        // sd 0.01, t(0.975, 2) = 4.3027
        assertThat(paired.difference().ciHigh()).isCloseTo(-0.10 + 4.3027 * 0.01 / Math.sqrt(3), within(1e-4));
        assertThat(paired.difference().pValue()).isLessThan(0.01);
        assertThat(paired.champion().mean()).isCloseTo(3.62, within(1e-12));
        assertThat(paired.baseline().mean()).isCloseTo(3.72, within(1e-12));
    }

    @Test
    void onePairHasNoDifferenceToTest() {
        assertThat(Verification.paired("mfu", new double[] {0.3}, new double[] {0.2}, 0.95).difference()).isNull();
    }

    @Test
    void theSequentialTestLooksAtThreeThenAtTheMostPairs() {
        assertThat(Verification.test(5, 0.005).looks()).containsExactly(3, 5);
        assertThat(Verification.test(8, 0.005).looks()).containsExactly(3, 5, 8);
        assertThat(Verification.test(2, 0.005).looks()).containsExactly(2);
        assertThat(Verification.test(5, 0.005).alpha()).isEqualTo(Verification.ALPHA);
    }
}
