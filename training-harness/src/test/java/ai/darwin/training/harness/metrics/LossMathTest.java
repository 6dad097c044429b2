package ai.darwin.training.harness.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossMathTest {

    @Test
    void bitsPerByteOfOneByteCharactersIsTheLossInBits() {
        double nats = 1.5 * 1000;

        assertThat(LossMath.bitsPerByte(nats, 1000)).isCloseTo(1.5 / Math.log(2), within(1e-12));
    }

    @Test
    void bitsPerByteDividesByTheUtf8BytesNotTheTokens() {
        // 100 tokens at 2 nats each, half of them two-byte characters: 150 bytes
        double bits = 200 / Math.log(2);

        assertThat(LossMath.bitsPerByte(200, 150)).isCloseTo(bits / 150, within(1e-12));
    }

    @Test
    void perplexityIsExpOfTheLoss() {
        assertThat(LossMath.perplexity(Math.log(65))).isCloseTo(65, within(1e-9));
    }
}
