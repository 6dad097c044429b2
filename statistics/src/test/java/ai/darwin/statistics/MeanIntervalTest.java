package ai.darwin.statistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeanIntervalTest {

    @Test
    void aStudentTIntervalOnKnownData() {
        // R: t.test(c(1, 2, 3, 4, 5)) gives mean 3 and the 95 % interval [1.036757, 4.963243]
        MeanInterval interval = MeanInterval.of(new double[] {1, 2, 3, 4, 5}, 0.95);

        assertThat(interval.mean()).isEqualTo(3.0);
        assertThat(interval.low()).isCloseTo(1.036757, within(1e-6));
        assertThat(interval.high()).isCloseTo(4.963243, within(1e-6));
        assertThat(interval.halfWidth()).isCloseTo(1.963243, within(1e-6));
    }

    @Test
    void oneValueHasNoWidth() {
        MeanInterval interval = MeanInterval.of(new double[] {3.8}, 0.95);

        assertThat(interval.low()).isEqualTo(3.8);
        assertThat(interval.high()).isEqualTo(3.8);
    }
}
