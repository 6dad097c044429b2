package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Metric;
import ai.darwin.selection.ga.Verification;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.GenerationState;
import java.util.ArrayList;
import java.util.List;

/**
 * Champion versus baseline from the verification generation's re-trainings. The statistics take every re-training
 * that completed, as measured; a re-training a sanity gate held makes the verdict "not verified" and is named in it.
 */
final class VerificationStatistics {

    private static final List<Metric> REPORTED = List.of(Metric.VAL_BPB, Metric.PERPLEXITY, Metric.MFU);

    private VerificationStatistics() {
    }

    /** @return the report, or null when either side has no re-training that completed */
    static VerificationReport report(RunState run, GenerationState generation, GenerationOutcome outcome) {
        List<Candidate> champion = new ArrayList<>();
        List<Candidate> baseline = new ArrayList<>();
        List<IntegrityFlag> held = new ArrayList<>();
        for (Assignment assignment : generation.assignments()) {
            Candidate candidate = outcome.byVariant().get(assignment.assignmentId());
            if (candidate == null) {
                continue;
            }
            for (IntegrityFlag flag : outcome.flags().getOrDefault(candidate.variantId(), List.of())) {
                held.add(new IntegrityFlag(flag.gate(), candidate.variantId() + ": " + flag.detail()));
            }
            (assignment.targetAgentId().equals(GenerationPlanner.BASELINE_AGENT) ? baseline : champion).add(candidate);
        }
        if (champion.isEmpty() || baseline.isEmpty()) {
            return null;
        }
        List<MetricComparison> metrics = REPORTED.stream()
                .map(m -> Verification.compare(m.key(), values(champion, m), values(baseline, m))).toList();
        MetricComparison bpb = metrics.get(0);
        boolean improved = held.isEmpty() && bpb.welchP() != null && bpb.welchP() < Verification.ALPHA
                && bpb.champion().mean() < bpb.baseline().mean();
        // the champion as the generation opened: a veto since then took the title, and the verdict with it
        String verified = generation.assignments().stream()
                .filter(a -> !a.targetAgentId().equals(GenerationPlanner.BASELINE_AGENT))
                .map(Assignment::parentVariantId).findFirst().orElseThrow();
        improved = improved && !run.steering().vetoed(verified);
        return new VerificationReport(verified, run.baselineVariantId(),
                GenerationPlanner.verificationSeeds(run), metrics, Verification.ALPHA, improved, held);
    }

    private static double[] values(List<Candidate> candidates, Metric metric) {
        return candidates.stream().mapToDouble(c -> metric.of(c.metrics())).toArray();
    }
}
