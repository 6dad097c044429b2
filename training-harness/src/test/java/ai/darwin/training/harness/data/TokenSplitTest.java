package ai.darwin.training.harness.data;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSplitTest {

    /** Each token is its own position, so the split's halves show exactly which positions they took. */
    private static final int[] POSITIONS = IntStream.range(0, 1000).toArray();

    @Test
    void validationIsTheContiguousTail() {
        TokenSplit split = TokenSplit.of(POSITIONS, 0.1);

        assertThat(split.train()).containsExactly(IntStream.range(0, 900).toArray());
        assertThat(split.validation()).containsExactly(IntStream.range(900, 1000).toArray());
    }

    @Test
    void splitIsDeterministicAndDisjoint() {
        TokenSplit first = TokenSplit.of(POSITIONS, 0.137);
        TokenSplit second = TokenSplit.of(POSITIONS.clone(), 0.137);

        assertThat(second.train()).containsExactly(first.train());
        assertThat(second.validation()).containsExactly(first.validation());
        assertThat(IntStream.of(first.train()).boxed()).doesNotContainAnyElementsOf(
                IntStream.of(first.validation()).boxed().toList());
        assertThat(first.train().length + first.validation().length).isEqualTo(POSITIONS.length);
    }

    @Test
    void tooShortOrBadFractionIsRejected() {
        assertThatThrownBy(() -> TokenSplit.of(new int[] {1, 2, 3}, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenSplit.of(POSITIONS, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
