package ai.darwin.training.harness.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UnigramBaselineTest {

    @Test
    void crossEntropyUsesAddOneSmoothedTrainingFrequencies() {
        int[] train = {0, 0, 0, 1};
        // counts 3, 1, 0 plus one each, over 4 + 3: p(0) = 4/7, p(1) = 2/7, p(2) = 1/7
        double expected = -(Math.log(4 / 7.0) + Math.log(2 / 7.0) + Math.log(1 / 7.0)) / 3;

        assertThat(UnigramBaseline.crossEntropy(train, 3, new int[] {0, 1, 2})).isCloseTo(expected, within(1e-12));
    }
}
