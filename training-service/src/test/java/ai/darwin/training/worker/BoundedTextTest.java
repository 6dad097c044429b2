package ai.darwin.training.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedTextTest {

    @Test
    void textWithinTheBoundIsKeptAsItIs() {
        assertThat(BoundedText.head("short", 64)).isEqualTo("short");
        assertThat(BoundedText.tail("short", 64)).isEqualTo("short");
        assertThat(BoundedText.head(null, 64)).isEmpty();
        String exact = "é".repeat(32);
        assertThat(BoundedText.head(exact, 64)).isEqualTo(exact);
    }

    @Test
    void aThreeMegabyteMessageKeepsItsStartAndSaysHowMuchWasCut() {
        String message = "x".repeat(3_000_000);

        String bounded = BoundedText.head(message, 4096);

        assertThat(bytes(bounded)).isLessThanOrEqualTo(4096).isGreaterThan(4000);
        assertThat(bounded).startsWith("xxxx").matches("x+… \\[truncated, \\d+ more chars]");
        int kept = bounded.indexOf('…');
        assertThat(bounded).endsWith("[truncated, " + (3_000_000 - kept) + " more chars]");
    }

    @Test
    void aLogTailKeepsItsEnd() {
        String log = "start\n" + "line\n".repeat(10_000) + "Exception in thread main";

        String bounded = BoundedText.tail(log, 16 * 1024);

        assertThat(bytes(bounded)).isLessThanOrEqualTo(16 * 1024);
        assertThat(bounded).startsWith("[truncated, ").contains(" earlier chars] …")
                .endsWith("line\nException in thread main").doesNotContain("start");
    }

    @Test
    void theCutNeverSplitsACharacter() {
        // 2-, 3- and 4-byte characters (the last a surrogate pair in Java) at every offset against the bound
        String text = "aé€😀".repeat(2000);
        for (int bound = 100; bound < 140; bound++) {
            for (String bounded : new String[]{BoundedText.head(text, bound), BoundedText.tail(text, bound)}) {
                assertThat(bytes(bounded)).isLessThanOrEqualTo(bound);
                assertThat(new String(bounded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .as("round trip through UTF-8 at bound %d", bound).isEqualTo(bounded);
                assertThat(bounded.codePoints()).as("no lone surrogate").noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
            }
        }
    }

    @Test
    void theCountOfWhatWasCutIsInCharactersNotBytes() {
        String text = "😀".repeat(100);

        String bounded = BoundedText.head(text, 100);

        long kept = bounded.substring(0, bounded.indexOf('…')).codePoints().count();
        assertThat(bounded).endsWith("[truncated, " + (100 - kept) + " more chars]");
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
