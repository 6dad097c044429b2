package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.Documents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A run's family tree: every variant that competed (the baseline and the mutants; verification re-trainings are the
 * verification's samples, not offspring) and an edge from each parent to its child. A parent that was never proposed
 * itself, the seed program, is a node of kind SEED, so that every edge has both ends.
 *
 * @param nodes the variants, by generation
 * @param edges parent → child
 */
public record Lineage(List<Node> nodes, List<Edge> edges) {

    /**
     * One variant.
     *
     * @param variantId      the variant
     * @param generation     its generation (-1 for the seed)
     * @param kind           MUTATE, BASELINE or SEED
     * @param agentId        the agent that owns it
     * @param outcome        COMPLETED, HELD, FAILED, TIMED_OUT, or absent while it trains
     * @param valBitsPerByte its validation bits per byte, once trained
     */
    public record Node(String variantId, int generation, String kind, String agentId, String outcome,
                       Double valBitsPerByte) {
    }

    /** A parent and the child made from it. */
    public record Edge(String from, String to) {
    }

    static Lineage of(List<Document> variants) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (Document v : variants) {
            String outcome = v.getString("outcome") != null ? v.getString("outcome")
                    : Boolean.TRUE.equals(v.getBoolean("timedOut")) ? "TIMED_OUT" : null;
            nodes.put(v.getString("_id"), new Node(v.getString("_id"), v.getInteger("generation", 0),
                    v.getString("kind"), v.getString("agentId"), outcome, Documents.number(v, "valBitsPerByte")));
        }
        for (Document v : variants) {
            for (String parent : v.getList("parentVariantIds", String.class, List.of())) {
                nodes.computeIfAbsent(parent, p -> new Node(p, -1, "SEED", null, null, null));
                edges.add(new Edge(parent, v.getString("_id")));
            }
        }
        List<Node> ordered = new ArrayList<>(nodes.values());
        ordered.sort((a, b) -> a.generation() != b.generation() ? Integer.compare(a.generation(), b.generation())
                : a.variantId().compareTo(b.variantId()));
        return new Lineage(ordered, edges);
    }
}
