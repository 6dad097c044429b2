package ai.darwin.mutation.edit;

import java.util.List;

/**
 * The program after edits, or why they did not apply.
 *
 * @param source the edited program, or null when an edit did not apply
 * @param errors one precise message per edit that did not apply
 */
public record EditResult(String source, List<String> errors) {

    public EditResult {
        errors = List.copyOf(errors);
    }

    public boolean applied() {
        return errors.isEmpty();
    }
}
