package ai.darwin.mutation.llm;

import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.state.CostLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's LLM cost cap: the run's own {@code costCapUsd}, else {@code darwin.mutation.cost-cap-usd}. Checked
 * before every LLM call; calls already in flight when it is reached may overshoot it by their own cost.
 */
@ApplicationScoped
public class CostCap {

    private final MutationConfig config;
    private final CostLedger ledger;

    CostCap(MutationConfig config, CostLedger ledger) {
        this.config = config;
        this.ledger = ledger;
    }

    public double capOf(MutationRequest request) {
        if (request.settings() != null && request.settings().costCapUsd() > 0) {
            return request.settings().costCapUsd();
        }
        return config.costCapUsd();
    }

    /** @return why no more LLM calls may be made for the request's run, when its cap is reached */
    public Optional<String> reached(MutationRequest request) {
        double cap = capOf(request);
        double spent = ledger.spent(request.runId());
        if (cap <= 0 || spent < cap) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the run's LLM cost cap of $%.4f is reached ($%.4f spent)",
                cap, spent));
    }
}
