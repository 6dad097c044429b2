package ai.darwin.training.harness.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Character-level tokenizer: one token per Unicode code point, ids in the sorted order of the distinct code points
 * of the whole corpus (nanoGPT's shakespeare_char prepare.py, by code point rather than UTF-16 unit).
 */
public final class CharTokenizer {

    private final int[] codePoints;
    private final int[] utf8Bytes;

    private CharTokenizer(int[] sortedCodePoints) {
        this.codePoints = sortedCodePoints;
        this.utf8Bytes = Arrays.stream(sortedCodePoints)
                .map(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length).toArray();
    }

    /** The vocabulary of a whole corpus. */
    public static CharTokenizer of(String text) {
        return new CharTokenizer(text.codePoints().distinct().sorted().toArray());
    }

    public int vocabularySize() {
        return codePoints.length;
    }

    /** @throws IllegalArgumentException for a character outside the vocabulary */
    public int[] encode(String text) {
        return text.codePoints().map(cp -> {
            int id = Arrays.binarySearch(codePoints, cp);
            if (id < 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(cp) + " is not in the vocabulary");
            }
            return id;
        }).toArray();
    }

    /** The ids of the characters of {@code text} that are in the vocabulary; the others are left out. */
    public int[] encodeKnown(String text) {
        return text.codePoints().map(cp -> Arrays.binarySearch(codePoints, cp)).filter(id -> id >= 0).toArray();
    }

    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder(ids.length);
        for (int id : ids) {
            text.appendCodePoint(codePoints[id]);
        }
        return text.toString();
    }

    /** @return how many UTF-8 bytes the token's character takes */
    public int utf8Bytes(int id) {
        return utf8Bytes[id];
    }
}
