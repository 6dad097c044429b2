package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.VariantRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ranks a generation's variants from their harness results; missing results are timeouts. */
final class GenerationRanking {

    private GenerationRanking() {
    }

    static GenerationOutcome rank(RunState run, List<Assignment> assignments, Map<String, VariantRecord> byAssignment,
                                  Fitness fitness) {
        List<Candidate> trained = new ArrayList<>();
        Map<String, Candidate> ownVariant = new HashMap<>();
        Map<String, Candidate> byVariant = new HashMap<>();
        List<RankedVariant> failures = new ArrayList<>();
        int failed = 0;
        int timedOut = 0;
        int mutations = 0;
        int carriedForward = 0;
        int repaired = 0;
        double cost = 0;
        for (Assignment assignment : assignments) {
            VariantRecord record = byAssignment.get(assignment.assignmentId());
            String owner = assignment.targetAgentId();
            if (record != null && assignment.kind() == AssignmentKind.MUTATE) {
                mutations++;
                cost += record.proposal().usage().costUsd();
                carriedForward += record.proposal().status() == ProposalStatus.CARRIED_FORWARD ? 1 : 0;
                repaired += record.proposal().status() == ProposalStatus.REPAIRED ? 1 : 0;
            }
            if (record == null || record.result() == null) {
                timedOut++;
                String variantId = record == null ? assignment.assignmentId() : record.proposal().variantId();
                failures.add(new RankedVariant(1, variantId, owner, VariantOutcome.TIMED_OUT, null, null, null, null,
                        FailureClass.TIMEOUT));
            } else if (record.result() instanceof TrainingFailed failure) {
                failed++;
                failures.add(new RankedVariant(1, failure.variantId(), owner, VariantOutcome.FAILED, null, null,
                        null, null, failure.failureClass()));
            } else if (record.result() instanceof TrainingCompleted completed) {
                Candidate candidate = new Candidate(completed.variantId(), owner, completed.metrics());
                byVariant.put(candidate.variantId(), candidate);
                if (run.steering().vetoed(completed.variantId())) {
                    failed++;
                    failures.add(new RankedVariant(1, completed.variantId(), owner, VariantOutcome.FAILED, null,
                            completed.metrics().valBitsPerByte(), completed.metrics().mfu(),
                            completed.metrics().tokensPerSecond(), null));
                    continue;
                }
                trained.add(candidate);
                if (assignment.kind() == AssignmentKind.MUTATE) {
                    ownVariant.put(owner, candidate);
                }
            }
        }
        trained.sort(fitness.bestFirst());
        failures.sort(Comparator.comparing(RankedVariant::outcome).thenComparing(RankedVariant::variantId));

        List<RankedVariant> ranking = new ArrayList<>();
        for (Candidate candidate : trained) {
            ranking.add(new RankedVariant(ranking.size() + 1, candidate.variantId(), candidate.agentId(),
                    VariantOutcome.COMPLETED, fitness.score(candidate.metrics()),
                    candidate.metrics().valBitsPerByte(), candidate.metrics().mfu(),
                    candidate.metrics().tokensPerSecond(), null));
        }
        for (RankedVariant failure : failures) {
            ranking.add(new RankedVariant(ranking.size() + 1, failure.variantId(), failure.agentId(),
                    failure.outcome(), null, failure.valBitsPerByte(), failure.mfu(), failure.tokensPerSecond(),
                    failure.failureClass()));
        }

        List<Double> bpb = trained.stream().map(c -> c.metrics().valBitsPerByte()).sorted().toList();
        int variants = assignments.size();
        GenerationStatistics statistics = new GenerationStatistics(variants, trained.size(), failed, timedOut,
                bpb.isEmpty() ? null : bpb.get(0), median(bpb),
                variants == 0 ? 0 : (double) (failed + timedOut) / variants,
                mutations == 0 ? 0 : (double) carriedForward / mutations,
                repaired + carriedForward == 0 ? 0 : (double) repaired / (repaired + carriedForward), cost);
        return new GenerationOutcome(ranking, statistics, trained, ownVariant, byVariant);
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
