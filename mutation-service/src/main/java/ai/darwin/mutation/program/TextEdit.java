package ai.darwin.mutation.program;

import java.util.Comparator;
import java.util.List;

/**
 * A replacement of the characters {@code [start, end)} of a source text.
 *
 * @param start       first offset replaced
 * @param end         offset after the last one replaced
 * @param replacement the new text
 */
public record TextEdit(int start, int end, String replacement) {

    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    /** Applies edits that do not overlap, in any order, to a text. */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = edits.stream().sorted(Comparator.comparingInt(TextEdit::start).reversed()).toList();
        StringBuilder result = new StringBuilder(text);
        int limit = text.length();
        for (TextEdit edit : sorted) {
            if (edit.end() > limit) {
                throw new IllegalArgumentException("edits overlap or run past the text at offset " + edit.start());
            }
            result.replace(edit.start(), edit.end(), edit.replacement());
            limit = edit.start();
        }
        return result.toString();
    }
}
