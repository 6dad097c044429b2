package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Metric;
import ai.darwin.selection.ga.Verification;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.GenerationState;
import java.util.ArrayList;
import java.util.List;

/** Champion versus baseline from the verification generation's re-trainings. */
final class VerificationStatistics {

    private static final List<Metric> REPORTED = List.of(Metric.VAL_BPB, Metric.PERPLEXITY, Metric.MFU);

    private VerificationStatistics() {
    }

    /** @return the report, or null when either side has no re-training that completed */
    static VerificationReport report(RunState run, GenerationState generation, GenerationOutcome outcome) {
        List<Candidate> champion = new ArrayList<>();
        List<Candidate> baseline = new ArrayList<>();
        for (Assignment assignment : generation.assignments()) {
            Candidate candidate = outcome.byVariant().get(assignment.assignmentId());
            if (candidate == null) {
                continue;
            }
            (assignment.targetAgentId().equals(GenerationPlanner.BASELINE_AGENT) ? baseline : champion).add(candidate);
        }
        if (champion.isEmpty() || baseline.isEmpty()) {
            return null;
        }
        List<MetricComparison> metrics = REPORTED.stream()
                .map(m -> Verification.compare(m.key(), values(champion, m), values(baseline, m))).toList();
        MetricComparison bpb = metrics.get(0);
        boolean improved = bpb.welchP() != null && bpb.welchP() < Verification.ALPHA
                && bpb.champion().mean() < bpb.baseline().mean();
        return new VerificationReport(run.championVariantId(), run.baselineVariantId(),
                GenerationPlanner.verificationSeeds(run), metrics, Verification.ALPHA, improved);
    }

    private static double[] values(List<Candidate> candidates, Metric metric) {
        return candidates.stream().mapToDouble(c -> metric.of(c.metrics())).toArray();
    }
}
