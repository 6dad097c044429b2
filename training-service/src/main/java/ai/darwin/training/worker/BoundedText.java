package ai.darwin.training.worker;

import java.nio.charset.StandardCharsets;

/**
 * Text a training program controls, cut to a size every event can carry. The bound is in UTF-8 bytes, marker
 * included, and the cut falls between code points, so that no multi-byte character or surrogate pair is split. What
 * was cut is said in the text itself, with how many characters (code points) it held.
 */
final class BoundedText {

    private BoundedText() {
    }

    /** Keeps the start: {@code "<start>… [truncated, N more chars]"}. Null becomes empty. */
    static String head(String text, int maxBytes) {
        if (fits(text, maxBytes)) {
            return text == null ? "" : text;
        }
        int budget = maxBytes - bytes(headMarker(text.length()));
        int end = 0;
        int used = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Bytes(codePoint);
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + headMarker(text.codePointCount(end, text.length()));
    }

    /** Keeps the end: {@code "[truncated, N earlier chars] …<end>"}, for log tails. Null becomes empty. */
    static String tail(String text, int maxBytes) {
        if (fits(text, maxBytes)) {
            return text == null ? "" : text;
        }
        int budget = maxBytes - bytes(tailMarker(text.length()));
        int start = text.length();
        int used = 0;
        while (start > 0) {
            int codePoint = text.codePointBefore(start);
            int size = utf8Bytes(codePoint);
            if (used + size > budget) {
                break;
            }
            used += size;
            start -= Character.charCount(codePoint);
        }
        return tailMarker(text.codePointCount(0, start)) + text.substring(start);
    }

    private static String headMarker(int cut) {
        return "… [truncated, " + cut + " more chars]";
    }

    private static String tailMarker(int cut) {
        return "[truncated, " + cut + " earlier chars] …";
    }

    /** Cheap first: a string of n chars takes at most 3n bytes in UTF-8 (a surrogate pair takes 4 for 2 chars). */
    private static boolean fits(String text, int maxBytes) {
        return text == null || (long) text.length() * 3 <= maxBytes || bytes(text) <= maxBytes;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Unpaired surrogates count as 3 bytes, as the encoders that do not replace them write them. */
    private static int utf8Bytes(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
