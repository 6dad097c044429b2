package ai.darwin.mutation.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Variant ids already on the variants topic: those this process published and, after a restart, those read back
 * from the topic. A redelivered generation skips them instead of asking the LLM again.
 */
@ApplicationScoped
public class PublishedVariants {

    private final Set<String> variantIds = ConcurrentHashMap.newKeySet();

    public void add(String variantId) {
        variantIds.add(variantId);
    }

    public boolean contains(String variantId) {
        return variantIds.contains(variantId);
    }
}
