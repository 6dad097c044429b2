package ai.darwin.memory.query;

import java.util.List;

/**
 * A failure that came back.
 *
 * @param failureClass the class, e.g. COMPILE_ERROR
 * @param message      the first line of its message that says anything, as a {@link ProgramText} excerpt: the
 *                     program wrote it, so it comes cleaned and cut to 200 characters
 * @param count        how often
 * @param variantIds   some of the variants it hit
 */
public record RecurringFailure(String failureClass, String message, int count, List<String> variantIds) {
}
