package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.TextEdit;
import java.util.List;

/**
 * One change an offline mutation makes.
 *
 * @param category what kind of change it is, e.g. {@code optimizer}, {@code activation}
 * @param edits    the text edits that make it
 * @param summary  what changed, from → to
 * @param why      why it might help
 */
public record Change(String category, List<TextEdit> edits, String summary, String why) {

    public Change {
        edits = List.copyOf(edits);
    }

    /** The line that describes the change in a variant's reasoning. */
    public String describe() {
        return "- " + category + ": " + summary + ". " + why;
    }
}
