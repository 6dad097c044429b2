package ai.darwin.memory.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/** Ancestors (nearest first, down to the seed) and descendants (as a tree) of a variant. */
@ApplicationScoped
public class Lineage {

    /** Descendant trees deeper than this are cut, so that one answer stays small. */
    static final int MAX_DEPTH = 50;

    private final MemoryQueries queries;

    Lineage(MemoryQueries queries) {
        this.queries = queries;
    }

    public List<LineageNode> ancestors(Document variant) {
        List<LineageNode> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Document current = variant;
        while (current != null && seen.add(current.getString("_id"))) {
            List<String> parents = current.getList("parentVariantIds", String.class, List.of());
            if (parents.isEmpty()) {
                break;
            }
            String parentId = parents.get(0);
            Optional<Document> parent = queries.variant(parentId);
            if (parent.isEmpty()) {
                ancestors.add(new LineageNode(parentId, null, "SEED", null, null, List.of()));
                break;
            }
            ancestors.add(leaf(parent.get()));
            current = parent.get();
        }
        return ancestors;
    }

    public LineageNode descendants(Document variant) {
        return tree(variant, 0, new HashSet<>());
    }

    private LineageNode tree(Document variant, int depth, Set<String> seen) {
        seen.add(variant.getString("_id"));
        List<LineageNode> children = new ArrayList<>();
        if (depth < MAX_DEPTH) {
            for (Document child : queries.children(variant.getString("_id"))) {
                if (!seen.contains(child.getString("_id"))) {
                    children.add(tree(child, depth + 1, seen));
                }
            }
        }
        VariantView view = VariantView.of(variant);
        return new LineageNode(view.variantId(), view.generation(), view.kind(), view.outcome(), view.valBitsPerByte(),
                children);
    }

    private static LineageNode leaf(Document variant) {
        VariantView view = VariantView.of(variant);
        return new LineageNode(view.variantId(), view.generation(), view.kind(), view.outcome(), view.valBitsPerByte(),
                List.of());
    }
}
