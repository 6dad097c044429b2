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

    /** One line of the file's structure: the chunk's name and size. */
    public String outline() {
        long lines = text.lines().count();
        return name + " (" + lines + (lines == 1 ? " line)" : " lines)");
    }
}
