package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.ga.NoiseFloors;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.VariantRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a generation's variants (the last attempt of each assignment) from their harness results: those that trained by fitness, then those that are no
 * candidates (reported with their metrics, never ranked by fitness, so never a survivor or champion: a result a
 * sanity gate held, named with its gates, a parent carried forward unchanged, and the seed program's control runs
 * other than generation 0's baseline), then failures, vetoes and timeouts (missing results). Each variant that
 * completed is set against the generation's control.
 */
final class GenerationRanking {

    private GenerationRanking() {
    }

    static GenerationOutcome rank(RunState run, List<Assignment> assignments, Map<String, VariantRecord> byAssignment,
                                  Fitness fitness, NoiseFloor floor) {
        // only a mutation generation has a control; a verification's re-trainings of the seed are its samples
        boolean mutation = assignments.stream().anyMatch(a -> a.kind() == AssignmentKind.MUTATE);
        TrainingCompleted control = mutation ? control(assignments, byAssignment) : null;
        List<Candidate> trained = new ArrayList<>();
        Map<String, Candidate> ownVariant = new HashMap<>();
        Map<String, Candidate> byVariant = new HashMap<>();
        Map<String, ControlDelta> deltas = new HashMap<>();
        List<RankedVariant> held = new ArrayList<>();
        Map<String, List<IntegrityFlag>> flags = new HashMap<>();
        List<RankedVariant> failures = new ArrayList<>();
        int failed = 0;
        int timedOut = 0;
        int mutations = 0;
        int carriedForward = 0;
        int repaired = 0;
        int runtimeErrors = 0;
        int runtimeResolved = 0;
        double cost = 0;
        for (Assignment assignment : assignments) {
            VariantRecord record = byAssignment.get(assignment.assignmentId());
            String owner = assignment.targetAgentId();
            if (record != null && assignment.kind() == AssignmentKind.MUTATE) {
                mutations++;
                cost += record.proposal().usage().costUsd();
                int attempt = record.proposal().attemptNumber();
                if (attempt > 1) {
                    // each earlier attempt failed in training and went back to its agent: resolved if the last
                    // attempt is a new program that trained
                    runtimeErrors += attempt - 1;
                    runtimeResolved += record.result() instanceof TrainingCompleted
                            && record.proposal().status() != ProposalStatus.CARRIED_FORWARD ? 1 : 0;
                } else {
                    carriedForward += record.proposal().status() == ProposalStatus.CARRIED_FORWARD ? 1 : 0;
                    repaired += record.proposal().status() == ProposalStatus.REPAIRED ? 1 : 0;
                }
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
                if (control != null && assignment.kind() == AssignmentKind.MUTATE) {
                    deltas.put(completed.variantId(), NoiseFloors.versus(completed.metrics(), control.metrics(),
                            floor));
                }
                if (completed.flagged()) {
                    flags.put(completed.variantId(), completed.integrityFlags());
                }
                if (run.steering().vetoed(completed.variantId())) {
                    failed++;
                    failures.add(reported(completed, owner, VariantOutcome.FAILED, deltas));
                    continue;
                }
                // a parent carried forward after failed repairs is its program again, not a new one: it competes once,
                // with the result it already has, not twice with a second draw of the noise; the seed program's
                // controls likewise, except generation 0's baseline, its one draw among the candidates
                boolean controlRun = mutation && GenerationPlanner.isControl(assignment)
                        && !completed.variantId().equals(run.baselineVariantId());
                if (completed.flagged() || controlRun
                        || record.proposal().status() == ProposalStatus.CARRIED_FORWARD) {
                    held.add(reported(completed, owner, VariantOutcome.COMPLETED, deltas));
                    continue;
                }
                trained.add(candidate);
                if (assignment.kind() == AssignmentKind.MUTATE) {
                    ownVariant.put(owner, candidate);
                }
            }
        }
        List<Candidate> ranked = fitness.bestFirst(trained);
        Map<String, Double> scores = fitness.scores(trained);
        held.sort(Comparator.comparing(RankedVariant::variantId));
        failures.sort(Comparator.comparing(RankedVariant::outcome).thenComparing(RankedVariant::variantId));

        List<RankedVariant> ranking = new ArrayList<>();
        for (Candidate candidate : ranked) {
            TrainingMetrics m = candidate.metrics();
            ranking.add(new RankedVariant(ranking.size() + 1, candidate.variantId(), candidate.agentId(),
                    VariantOutcome.COMPLETED, scores.get(candidate.variantId()), m.valBitsPerByte(), m.mfu(),
                    m.tokensPerSecond(), null, List.of(), deltas.get(candidate.variantId())));
        }
        for (RankedVariant unranked : concat(held, failures)) {
            ranking.add(new RankedVariant(ranking.size() + 1, unranked.variantId(), unranked.agentId(),
                    unranked.outcome(), null, unranked.valBitsPerByte(), unranked.mfu(), unranked.tokensPerSecond(),
                    unranked.failureClass(), unranked.integrityFlags(), unranked.versusControl()));
        }

        List<Double> bpb = trained.stream().map(c -> c.metrics().valBitsPerByte()).sorted().toList();
        int variants = assignments.size();
        GenerationStatistics statistics = new GenerationStatistics(variants, trained.size() + held.size(), failed,
                timedOut,
                bpb.isEmpty() ? null : bpb.get(0), median(bpb),
                variants == 0 ? 0 : (double) (failed + timedOut) / variants,
                mutations == 0 ? 0 : (double) carriedForward / mutations,
                resolutionRate(repaired + runtimeResolved, repaired + carriedForward + runtimeErrors), cost);
        return new GenerationOutcome(ranking, statistics, ranked, ownVariant, byVariant, flags,
                control == null ? null : control.variantId());
    }

    /**
     * The generation's control: its first control assignment (generation 0's baseline; later, the one control), if
     * it completed and no sanity gate held it.
     */
    private static TrainingCompleted control(List<Assignment> assignments, Map<String, VariantRecord> byAssignment) {
        return assignments.stream().filter(GenerationPlanner::isControl).findFirst()
                .map(a -> byAssignment.get(a.assignmentId())).filter(r -> r != null
                        && r.result() instanceof TrainingCompleted c && !c.flagged())
                .map(r -> (TrainingCompleted) r.result()).orElse(null);
    }

    /** A completed result that is not ranked by fitness: vetoed, held by a sanity gate, carried forward, a control. */
    private static RankedVariant reported(TrainingCompleted completed, String owner, VariantOutcome outcome,
                                          Map<String, ControlDelta> deltas) {
        TrainingMetrics m = completed.metrics();
        return new RankedVariant(1, completed.variantId(), owner, outcome, null, m.valBitsPerByte(), m.mfu(),
                m.tokensPerSecond(), null, completed.integrityFlags(), deltas.get(completed.variantId()));
    }

    private static List<RankedVariant> concat(List<RankedVariant> first, List<RankedVariant> second) {
        List<RankedVariant> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /**
     * Errors resolved over errors: proposals repaired after a failed validation or carried forward after failing
     * them all (first attempts), and failures in training sent back for a runtime repair (counted on the last
     * attempt; the validation of a repair attempt is not counted again).
     */
    private static double resolutionRate(int resolved, int errors) {
        return errors == 0 ? 0 : (double) resolved / errors;
    }

    private static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
