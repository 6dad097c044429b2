package ai.darwin.selection.ga;

import ai.darwin.events.training.TrainingMetrics;

/** Harness metrics for selection tests. */
final class Metrics {

    private Metrics() {
    }

    static TrainingMetrics of(double valBpb, double mfu, double tokensPerSecond) {
        return of(valBpb, mfu, tokensPerSecond, "cpu");
    }

    static TrainingMetrics of(double valBpb, double mfu, double tokensPerSecond, String device) {
        double loss = valBpb * Math.log(2);
        return new TrainingMetrics(loss, valBpb, Math.exp(loss), loss, 100_000, 100, tokensPerSecond, 800_000,
                5e6, 1e11, mfu, 500_000_000L, 10, 14, device);
    }

    static Candidate candidate(String variantId, String agentId, double valBpb, double mfu) {
        return new Candidate(variantId, agentId, of(valBpb, mfu, 10_000));
    }

    static Candidate candidate(String variantId, double valBpb, double mfu, double tokensPerSecond, String device) {
        return new Candidate(variantId, "agent-" + variantId, of(valBpb, mfu, tokensPerSecond, device));
    }
}
