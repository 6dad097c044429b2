package ai.darwin.mutation.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void diffsAreUnifiedWithTheFileNameAndEmptyForEqualTexts() {
        assertThat(UnifiedDiff.of("a\nb\nc\n", "a\nB\nc\n", "P.java"))
                .isEqualTo("--- a/P.java\n+++ b/P.java\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assertThat(UnifiedDiff.of("a\n", "a\n", "P.java")).isEmpty();
    }
}
