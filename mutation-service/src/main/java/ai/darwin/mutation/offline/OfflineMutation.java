package ai.darwin.mutation.offline;

import java.util.List;

/**
 * What the offline mutator made of a program.
 *
 * @param source      the mutated program
 * @param changes     what changed, in the order drawn
 * @param seed        the seed it was drawn with
 * @param description the human-readable account of the changes: the variant's reasoning
 */
public record OfflineMutation(String source, List<Change> changes, long seed, String description) {

    public OfflineMutation {
        changes = List.copyOf(changes);
    }

    /** Whether the mutator found nothing it knows how to change. */
    public boolean unchanged() {
        return changes.isEmpty();
    }
}
