package ai.darwin.training.harness.metrics;

import ai.darwin.training.sdk.ArchitectureCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlopsTest {

    /** nanoGPT's shakespeare_char model: 6 layers, 6 heads of 64, 384 wide, context 256. */
    private static final ArchitectureCard SHAKESPEARE_CHAR = new ArchitectureCard(6, 6, 384, 256);

    @Test
    void flopsPerTokenIsSixNPlusAttention() {
        long n = 10_650_000;
        double attention = 12.0 * 6 * 6 * 64 * 256;

        assertThat(Flops.perToken(n, SHAKESPEARE_CHAR)).isEqualTo(6.0 * n + attention);
        assertThat(attention).isEqualTo(7_077_888);
    }

    @Test
    void mfuIsAchievedOverPeak() {
        double flopsPerToken = Flops.perToken(10_650_000, SHAKESPEARE_CHAR);

        // 100k tokens/s on an A100's 312 TFLOP/s
        assertThat(Flops.mfu(flopsPerToken, 100_000, 312e12))
                .isCloseTo(flopsPerToken * 100_000 / 312e12, within(1e-15))
                .isCloseTo(0.02275, within(1e-5));
    }

    @Test
    void mfuIsZeroWhenThePeakIsUnknown() {
        assertThat(Flops.mfu(1e6, 1e4, 0)).isZero();
    }
}
