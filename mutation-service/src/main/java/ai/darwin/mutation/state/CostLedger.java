package ai.darwin.mutation.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimated LLM spending per run, by variant: calls are added as they are made (so that concurrent proposals see
 * each other's cost), and a published variant's total replaces its running sum, so that reading our own variants
 * back after a restart counts nothing twice.
 */
@ApplicationScoped
public class CostLedger {

    private final Map<String, Map<String, Double>> byRun = new ConcurrentHashMap<>();

    public void add(String runId, String variantId, double costUsd) {
        byRun.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).merge(variantId, costUsd, Double::sum);
    }

    /** A published variant's total cost. */
    public void settle(String runId, String variantId, double costUsd) {
        byRun.computeIfAbsent(runId, r -> new ConcurrentHashMap<>()).put(variantId, costUsd);
    }

    public double spent(String runId) {
        return byRun.getOrDefault(runId, Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
