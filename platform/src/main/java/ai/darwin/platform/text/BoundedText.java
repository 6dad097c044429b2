package ai.darwin.platform.text;

import java.nio.charset.StandardCharsets;

/**
 * Text that a program controls (an exception's message, a log, a diagnostic), cut to a fixed size before it goes
 * into an event, a lesson or a prompt. Each caller keeps its own policy, what it keeps (the start of a message, the
 * end of a log) and its bound, in characters (UTF-16 units, what a prompt or a screen holds) or in UTF-8 bytes (what
 * a Kafka record holds); the cut is the same everywhere:
 * <ul>
 *   <li>the result is never longer than the bound, its marker included;</li>
 *   <li>the cut falls between code points, so that no surrogate pair or multi-byte character is split;</li>
 *   <li>what was cut is said in the text, with how many characters (code points) it held:
 *       {@code "<start> … [N more characters cut]"} or {@code "[N earlier characters cut] … <end>"}.</li>
 * </ul>
 * training-harness, which must stay free of Darwin's service libraries, has its own copy in {@code Failures}.
 */
public final class BoundedText {

    /**
     * Room kept for the marker, in either unit: the longest marker, with a ten-digit count, takes 40 UTF-8 bytes. A
     * bound below it keeps nothing of the text but the marker.
     */
    public static final int MARK_ROOM = 40;

    private BoundedText() {
    }

    /** Keeps the start, at most {@code maxChars} characters in all. Null becomes empty. */
    public static String head(String text, int maxChars) {
        return head(text, maxChars, Unit.CHARS);
    }

    /** Keeps the end, at most {@code maxChars} characters in all: for log tails. Null becomes empty. */
    public static String tail(String text, int maxChars) {
        return tail(text, maxChars, Unit.CHARS);
    }

    /** Keeps the start, at most {@code maxBytes} bytes in UTF-8 in all. Null becomes empty. */
    public static String headBytes(String text, int maxBytes) {
        return head(text, maxBytes, Unit.UTF8_BYTES);
    }

    /** Keeps the end, at most {@code maxBytes} bytes in UTF-8 in all. Null becomes empty. */
    public static String tailBytes(String text, int maxBytes) {
        return tail(text, maxBytes, Unit.UTF8_BYTES);
    }

    private static String head(String text, int max, Unit unit) {
        if (text == null || unit.fits(text, max)) {
            return text == null ? "" : text;
        }
        int end = cut(text, max - MARK_ROOM, unit, false);
        return text.substring(0, end) + " … [" + text.codePointCount(end, text.length()) + " more characters cut]";
    }

    private static String tail(String text, int max, Unit unit) {
        if (text == null || unit.fits(text, max)) {
            return text == null ? "" : text;
        }
        int start = cut(text, max - MARK_ROOM, unit, true);
        return "[" + text.codePointCount(0, start) + " earlier characters cut] … " + text.substring(start);
    }

    /**
     * @return the index before which (from the start) or after which (from the end) as many whole code points as
     *         the budget holds stand
     */
    private static int cut(String text, int budget, Unit unit, boolean fromEnd) {
        int index = fromEnd ? text.length() : 0;
        for (int used = 0; fromEnd ? index > 0 : index < text.length(); ) {
            int codePoint = fromEnd ? text.codePointBefore(index) : text.codePointAt(index);
            used += unit.of(codePoint);
            if (used > budget) {
                break;
            }
            index += fromEnd ? -Character.charCount(codePoint) : Character.charCount(codePoint);
        }
        return index;
    }

    private enum Unit {
        CHARS {
            @Override
            int of(int codePoint) {
                return Character.charCount(codePoint);
            }

            @Override
            boolean fits(String text, int max) {
                return text.length() <= max;
            }
        },
        UTF8_BYTES {
            /** Unpaired surrogates count as 3 bytes, as the encoders that do not replace them write them. */
            @Override
            int of(int codePoint) {
                return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            }

            /** Cheap first: n chars take at most 3n bytes (a surrogate pair takes 4 for 2 chars). */
            @Override
            boolean fits(String text, int max) {
                return (long) text.length() * 3 <= max || text.getBytes(StandardCharsets.UTF_8).length <= max;
            }
        };

        abstract int of(int codePoint);

        abstract boolean fits(String text, int max);
    }
}
