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
    void aClearDifferenceIsSignificantAndNoiseIsNot() {
        MetricComparison clear = Verification.compare("val_bpb", new double[] {1.50, 1.51, 1.49, 1.50},
                new double[] {1.70, 1.71, 1.69, 1.70});
        assertThat(clear.welchP()).isLessThan(Verification.ALPHA);

        MetricComparison noise = Verification.compare("val_bpb", new double[] {1.50, 1.62, 1.55},
                new double[] {1.52, 1.60, 1.58});
        assertThat(noise.welchP()).isGreaterThan(Verification.ALPHA);
    }

    @Test
    void noVarianceMeansNoPValue() {
        assertThat(Verification.welchP(new double[] {1, 1}, new double[] {1, 1})).isNull();
        assertThat(Verification.welchP(new double[] {1}, new double[] {2, 3})).isNull();
    }
}
