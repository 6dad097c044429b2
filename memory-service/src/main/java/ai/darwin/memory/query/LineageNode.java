package ai.darwin.memory.query;

import java.util.List;

/**
 * A variant in a lineage tree.
 *
 * @param variantId      the variant
 * @param generation     its generation (null for the seed, which is not a variant of its own)
 * @param kind           MUTATE, BASELINE, VERIFY, or SEED
 * @param outcome        how it trained
 * @param valBitsPerByte its validation bits per byte, when trained
 * @param children       its descendants (empty in an ancestor chain)
 */
public record LineageNode(String variantId, Integer generation, String kind, String outcome, Double valBitsPerByte,
                          List<LineageNode> children) {
}
