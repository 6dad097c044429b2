package ai.darwin.training.harness.metrics;

import ai.darwin.training.sdk.ArchitectureCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlopsTest {

    /** nanoGPT's shakespeare_char model: 6 layers, 6 heads of 64, 384 wide, context 256. */
    private static final ArchitectureCard SHAKESPEARE_CHAR = new ArchitectureCard(6, 6, 384, 256);
    private static final long SHAKESPEARE_CHAR_N = 10_650_000;

    @Test
    void flopsPerTokenIsSixNPlusAttention() {
        double attention = 12.0 * 6 * 6 * 64 * 256;

        assertThat(Flops.perToken(SHAKESPEARE_CHAR_N, SHAKESPEARE_CHAR, 256)).isEqualTo(6.0 * SHAKESPEARE_CHAR_N
                + attention);
        assertThat(attention).isEqualTo(7_077_888);
    }

    @Test
    void attentionUsesTheContextTheProgramTrainedOnNotTheOneItDeclared() {
        assertThat(Flops.perToken(SHAKESPEARE_CHAR_N, SHAKESPEARE_CHAR, 64))
                .isEqualTo(6.0 * SHAKESPEARE_CHAR_N + 12.0 * 6 * 384 * 64);
    }

    @Test
    void aCardThatDeclaresMoreLayersThanTheParametersHoldIsCutDown() {
        // the attack: the seed's 0.8 M parameters with a card that claims a thousand layers of width 128
        ArchitectureCard inflated = new ArchitectureCard(1000, 4, 128, 64);
        long used = 804_096;

        assertThat(Flops.believableLayers(used, inflated)).isEqualTo(used / (4 * 128 * 128));
        assertThat(Flops.perToken(used, inflated, 64))
                .isEqualTo(6.0 * used + 12.0 * 12 * 128 * 64)
                .isLessThan(1.2 * Flops.perToken(used, new ArchitectureCard(4, 4, 128, 64), 64));
        assertThat(Flops.believableLayers(used, new ArchitectureCard(4, 4, 128, 64))).isEqualTo(4);
    }

    @Test
    void mfuIsAchievedOverPeak() {
        double flopsPerToken = Flops.perToken(SHAKESPEARE_CHAR_N, SHAKESPEARE_CHAR, 256);

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
