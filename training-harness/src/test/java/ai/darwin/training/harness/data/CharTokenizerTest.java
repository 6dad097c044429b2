package ai.darwin.training.harness.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CharTokenizerTest {

    @Test
    void vocabularyIsTheSortedDistinctCharacters() {
        CharTokenizer tokenizer = CharTokenizer.of("hello, world");

        assertThat(tokenizer.vocabularySize()).isEqualTo(9);
        assertThat(tokenizer.encode(" ,dehlorw")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(tokenizer.decode(tokenizer.encode("hello, world"))).isEqualTo("hello, world");
    }

    @Test
    void tokensAreCodePointsWithTheirUtf8Length() {
        CharTokenizer tokenizer = CharTokenizer.of("aé€😀");

        assertThat(tokenizer.vocabularySize()).isEqualTo(4);
        assertThat(tokenizer.encode("😀")).hasSize(1);
        int[] ids = tokenizer.encode("aé€😀");
        assertThat(new int[] {tokenizer.utf8Bytes(ids[0]), tokenizer.utf8Bytes(ids[1]), tokenizer.utf8Bytes(ids[2]),
                tokenizer.utf8Bytes(ids[3])}).containsExactly(1, 2, 3, 4);
    }

    @Test
    void unknownCharactersAreRejected() {
        assertThatThrownBy(() -> CharTokenizer.of("abc").encode("abd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+64");
    }
}
