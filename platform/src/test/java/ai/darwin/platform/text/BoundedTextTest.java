package ai.darwin.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one cut of text a program controls: bounded, whole characters, and saying what went. */
class BoundedTextTest {

    @Test
    void textWithinTheBoundIsKeptAsItIs() {
        assertThat(BoundedText.head("short", 64)).isEqualTo("short");
        assertThat(BoundedText.tail("short", 64)).isEqualTo("short");
        assertThat(BoundedText.headBytes("short", 64)).isEqualTo("short");
        assertThat(BoundedText.head(null, 64)).isEmpty();
        assertThat(BoundedText.tailBytes(null, 64)).isEmpty();
        String exact = "é".repeat(32);
        assertThat(BoundedText.headBytes(exact, 64)).isEqualTo(exact);
        assertThat(BoundedText.head(exact, 32)).isEqualTo(exact);
    }

    @Test
    void aThreeMegabyteMessageKeepsItsStartAndSaysHowMuchWasCut() {
        String message = "x".repeat(3_000_000);

        String bytes = BoundedText.headBytes(message, 4096);
        String chars = BoundedText.head(message, 300);

        assertThat(bytes(bytes)).isLessThanOrEqualTo(4096).isGreaterThan(4000);
        assertThat(bytes).matches("x+ … \\[\\d+ more characters cut]");
        assertThat(bytes).endsWith("[" + (3_000_000 - bytes.indexOf(' ')) + " more characters cut]");
        assertThat(chars).hasSizeLessThanOrEqualTo(300).startsWith("x".repeat(260))
                .endsWith("x … [2999740 more characters cut]");
    }

    @Test
    void aLogTailKeepsItsEnd() {
        String log = "start\n" + "line\n".repeat(10_000) + "Exception in thread main";

        String bytes = BoundedText.tailBytes(log, 16 * 1024);
        String chars = BoundedText.tail(log, 3000);

        assertThat(bytes(bytes)).isLessThanOrEqualTo(16 * 1024);
        assertThat(chars).hasSizeLessThanOrEqualTo(3000);
        for (String tail : new String[] {bytes, chars}) {
            assertThat(tail).startsWith("[").contains(" earlier characters cut] … ")
                    .endsWith("line\nException in thread main").doesNotContain("start");
        }
    }

    @Test
    void theCutNeverSplitsACharacterInEitherUnit() {
        // 2-, 3- and 4-byte characters (the last a surrogate pair in Java) at every offset against the bound
        String text = "aé€😀".repeat(2000);
        for (int bound = 100; bound < 140; bound++) {
            for (String bytes : new String[] {BoundedText.headBytes(text, bound), BoundedText.tailBytes(text, bound)}) {
                assertThat(bytes(bytes)).isLessThanOrEqualTo(bound);
                assertWhole(bytes, bound);
            }
            for (String chars : new String[] {BoundedText.head(text, bound), BoundedText.tail(text, bound)}) {
                assertThat(chars.length()).isLessThanOrEqualTo(bound);
                assertWhole(chars, bound);
            }
        }
    }

    @Test
    void theCountOfWhatWasCutIsInCharactersNotBytesOrHalvesOfPairs() {
        String text = "😀".repeat(100);

        String bytes = BoundedText.headBytes(text, 100);
        String chars = BoundedText.head(text, 101);

        long keptBytes = bytes.substring(0, bytes.indexOf(" … ")).codePoints().count();
        assertThat(bytes).endsWith("[" + (100 - keptBytes) + " more characters cut]");
        long keptChars = chars.substring(0, chars.indexOf(" … ")).codePoints().count();
        assertThat(keptChars).isEqualTo(30);
        assertThat(chars).endsWith("[70 more characters cut]");
    }

    @Test
    void theLongestMarkerFitsItsRoom() {
        String marker = " … [" + Integer.MAX_VALUE + " more characters cut]";
        String tailMarker = "[" + Integer.MAX_VALUE + " earlier characters cut] … ";
        assertThat(bytes(marker)).isLessThanOrEqualTo(BoundedText.MARK_ROOM);
        assertThat(bytes(tailMarker)).isLessThanOrEqualTo(BoundedText.MARK_ROOM);
    }

    private static void assertWhole(String bounded, int bound) {
        assertThat(new String(bounded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("round trip through UTF-8 at bound %d", bound).isEqualTo(bounded);
        assertThat(bounded.codePoints()).as("no lone surrogate").noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
