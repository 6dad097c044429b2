package ai.darwin.mutation.chunk;

/**
 * A contiguous piece of a program that chunk mode rewrites on its own.
 *
 * @param name  what it is, e.g. {@code imports}, {@code fields of SeedGpt}, {@code method learningRate}
 * @param start offset of its first character (its leading comment included)
 * @param end   offset after its last character
 * @param text  its text
 */
public record Chunk(String name, int start, int end, String text) {

    /** The longest summary a chunk's line in the outline carries. */
    static final int SUMMARY_CHARS = 120;

    /**
     * One line of the file's structure: the chunk's name and size, and the first sentence of its leading comment,
     * if it has one: a short summary of what the chunk does, for the chunks the prompt does not show.
     */
    public String outline() {
        long lines = text.lines().count();
        String summary = summary();
        return name + " (" + lines + (lines == 1 ? " line)" : " lines)") + (summary.isEmpty() ? "" : ": " + summary);
    }

    /** The first sentence of the leading comment, on one line and cut at {@link #SUMMARY_CHARS}; empty without one. */
    String summary() {
        String head = text.stripLeading();
        if (!head.startsWith("/*") && !head.startsWith("//")) {
            return "";
        }
        int close = head.startsWith("//") ? head.indexOf('\n') : head.indexOf("*/");
        String comment = (close < 0 ? head : head.substring(0, close)).replaceAll("^/\\*+|^//", "")
                .replaceAll("\\s*\\n\\s*\\*?\\s*", " ").replaceAll("\\p{Cntrl}", " ").strip();
        int stop = comment.indexOf(". ");
        String sentence = stop < 0 ? comment : comment.substring(0, stop + 1);
        return sentence.length() <= SUMMARY_CHARS ? sentence : sentence.substring(0, SUMMARY_CHARS - 3) + "...";
    }
}
