package ai.darwin.mutation.edit;

/**
 * One edit of a program: the exact text to find (once) and what replaces it.
 *
 * @param search  text that occurs exactly once in the program, whitespace included
 * @param replace its replacement
 */
public record SearchReplace(String search, String replace) {
}
