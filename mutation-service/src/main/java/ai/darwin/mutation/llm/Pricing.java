package ai.darwin.mutation.llm;

import ai.darwin.mutation.config.MutationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Estimated cost of LLM calls from the price table {@code darwin.mutation.prices.<model>.*}. */
@ApplicationScoped
public class Pricing {

    private static final Logger LOG = Logger.getLogger(Pricing.class);

    private final MutationConfig config;
    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    Pricing(MutationConfig config) {
        this.config = config;
    }

    /** @return the cost in USD; 0 for a model without a price (a local server), said once in the log */
    public double cost(String model, long promptTokens, long completionTokens) {
        MutationConfig.Price price = config.prices().get(model);
        if (price == null) {
            if (unpriced.add(model)) {
                LOG.infof("no price for model %s in darwin.mutation.prices: its calls count as free", model);
            }
            return 0;
        }
        return (promptTokens * price.inputPerMtok() + completionTokens * price.outputPerMtok()) / 1_000_000.0;
    }
}
