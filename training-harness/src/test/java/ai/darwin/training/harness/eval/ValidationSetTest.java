package ai.darwin.training.harness.eval;

import ai.darwin.training.harness.HarnessConfig;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationSetTest {

    private static final int[] VALIDATION = IntStream.range(1000, 1400).toArray();
    private static final HarnessConfig.Evaluation SPEC = new HarnessConfig.Evaluation(3, 4, 32, 99);

    @Test
    void windowsAreFixedByTheEvaluationSeedAlone() {
        ValidationSet first = ValidationSet.of(VALIDATION, SPEC);
        ValidationSet again = ValidationSet.of(VALIDATION.clone(), SPEC);

        for (int b = 0; b < SPEC.batches(); b++) {
            assertThat(again.batch(b)).isDeepEqualTo(first.batch(b));
        }
        assertThat(ValidationSet.of(VALIDATION, new HarnessConfig.Evaluation(3, 4, 32, 100)).targets())
                .isNotEqualTo(first.targets());
    }

    @Test
    void windowsAreContiguousSlicesOfTheValidationTokens() {
        ValidationSet set = ValidationSet.of(VALIDATION, SPEC);

        for (int b = 0; b < set.batches(); b++) {
            for (int[] window : set.batch(b)) {
                assertThat(window).hasSize(33);
                assertThat(window[0]).isBetween(1000, 1400 - 33);
                assertThat(window).containsExactly(IntStream.range(window[0], window[0] + 33).toArray());
            }
        }
        assertThat(set.targets()).hasSize(3 * 4 * 32);
    }

    @Test
    void aValidationSplitShorterThanAWindowIsRejected() {
        assertThatThrownBy(() -> ValidationSet.of(new int[20], SPEC)).isInstanceOf(IllegalArgumentException.class);
    }
}
