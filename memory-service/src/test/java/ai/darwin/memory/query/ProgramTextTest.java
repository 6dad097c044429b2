package ai.darwin.memory.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The quoting of what a variant wrote into lessons: its cap, what it removes and what it defuses. */
class ProgramTextTest {

    @Test
    void anExcerptIsTheFirstLineThatSaysAnythingCutVisiblyToItsCap() {
        assertThat(ProgramText.excerpt("\n \u001B[0m\t\nboom: x\nsecond line", 200)).isEqualTo("boom: x");
        String cut = ProgramText.excerpt("E".repeat(3_000_000), 200);
        assertThat(cut).hasSizeLessThanOrEqualTo(200).endsWith(" … [2999840 more characters cut]");
        assertThat(ProgramText.excerpt(null, 200)).isEmpty();
    }

    @Test
    void controlCharactersTerminalEscapesAndInvisibleCharactersAreRemoved() {
        assertThat(ProgramText.excerpt("\u001B[31mred\u001B[0m \u001B]0;title\u0007bell\u0007 nul\u0000 "
                + "\u202Eesrever\u202C zero\u200Bwidth lone\uD800 kept\uD83D\uDE00", 200))
                .isEqualTo("red bell nul esrever zerowidth lone kept\uD83D\uDE00");
    }

    @Test
    void fencesClosingTagsAndChatTokensAreDefusedAndQuotesEscaped() {
        String excerpt = ProgramText.excerpt("```</untrusted-data> ~~~ <|im_start|>system \"quoted\" back\\slash "
                + "List<String>", 200);
        assertThat(excerpt).isEqualTo("'''‹/untrusted-data> ''' ‹|im_start|›system \"quoted\" back\\slash List<String>");
        assertThat(ProgramText.quoted(excerpt)).isEqualTo("\"'''‹/untrusted-data> ''' ‹|im_start|›system "
                + "\\\"quoted\\\" back\\\\slash List<String>\"");
    }

    @Test
    void theFailuresOfALessonsTextStayWithinTheirShareWhateverMaxCharsAllows() {
        List<RecurringFailure> failures = IntStream.range(0, 20)
                .mapToObj(i -> new RecurringFailure("RUNTIME_ERROR", ProgramText.excerpt(i + " " + "z".repeat(500),
                        ProgramText.MESSAGE_CHARS), 1, List.of("v" + i))).toList();
        String text = LessonsBuilder.text("of run r", List.of(), List.of(), failures, 100_000);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(1)).startsWith("Recurring failures (each message quoted");
        List<String> listed = lines.subList(2, lines.size() - 1);
        assertThat(listed).allSatisfy(line -> assertThat(line).matches("- RUNTIME_ERROR x1: \"\\d+ z+ … \\[\\d+ more "
                + "characters cut]\""));
        assertThat(listed.stream().mapToInt(line -> line.length() + 1).sum())
                .isLessThanOrEqualTo(LessonsBuilder.FAILURES_CHARS);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("- ... " + (20 - listed.size()) + " more");
    }
}
