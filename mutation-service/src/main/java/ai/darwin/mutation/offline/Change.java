package ai.darwin.mutation.offline;

import ai.darwin.mutation.program.TextEdit;
import java.util.List;

/**
 * One change an offline mutation makes.
 *
 * @param category what kind of change it is, e.g. {@code optimizer}, {@code activation}
 * @param edits    the text edits that make it
 * @param what     what it changes, in words, e.g. {@code peak learning rate}
 * @param fromTo   the values, from → to, e.g. {@code CPU_LEARNING_RATE 1e-3f → 2.4e-3f}
 * @param why      why it might help
 */
public record Change(String category, List<TextEdit> edits, String what, String fromTo, String why) {

    public Change {
        edits = List.copyOf(edits);
    }

    /** What changed, from → to. */
    public String summary() {
        return what + ": " + fromTo;
    }

    /** The line that describes the change in a variant's reasoning. */
    public String describe() {
        return "- " + category + ": " + summary() + ". " + why;
    }
}
