package ai.darwin.mutation.state;

import ai.darwin.events.variant.VariantProposed;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A program's ancestry as this service knows it: its parent and every variant that parent descends from. A
 * LINEAGE-scoped NEW_IMPORT grant holds for a program exactly when the variant that asked for it is in this set, so
 * that one agent's approval never widens another line's checks.
 *
 * @param variantIds the parent and its known ancestors
 */
public record Lineage(Set<String> variantIds) {

    /** Far deeper than any run goes; a guard against a cycle a forged event could put in the parents. */
    static final int MAX_ANCESTORS = 100_000;

    /** No program: only run-wide grants hold. */
    public static final Lineage NONE = new Lineage(Set.of());

    public Lineage {
        variantIds = Set.copyOf(variantIds);
    }

    /**
     * @param parentVariantId the variant the program starts from
     * @param published       the variants this service published or read back, by id
     */
    public static Lineage of(String parentVariantId, Function<String, Optional<VariantProposed>> published) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(parentVariantId);
        while (!next.isEmpty() && seen.size() < MAX_ANCESTORS) {
            String id = next.poll();
            if (seen.add(id)) {
                published.apply(id).ifPresent(variant -> next.addAll(variant.parentVariantIds()));
            }
        }
        return new Lineage(seen);
    }

    /** Whether a program of this lineage descends from (or starts at) the variant. */
    public boolean descendsFrom(String variantId) {
        return variantId != null && variantIds.contains(variantId);
    }
}
