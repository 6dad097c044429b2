package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Metric;
import ai.darwin.selection.ga.Verification;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.statistics.SequentialTest;
import ai.darwin.statistics.SequentialTest.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Champion versus the seed program from the verification generation's re-trainings, paired by training seed: a pair
 * counts once both of its re-trainings completed. The sequential test on val_bpb says whether to train more pairs and,
 * at the end, the verdict; every metric is reported as champion − seed over the pairs, as measured. A re-training a
 * sanity gate held makes the verdict "not verified" and is named in it, and so ends the verification.
 */
final class VerificationStatistics {

    private static final List<Metric> REPORTED = List.of(Metric.VAL_BPB, Metric.PERPLEXITY,
            Metric.TOKENS_PER_SECOND, Metric.MFU);

    private VerificationStatistics() {
    }

    /** Both re-trainings with one training seed. */
    private record Pair(long seed, Candidate seedProgram, Candidate champion) {
    }

    /**
     * @return how many pairs to add now: those the next look needs, within the run's most; 0 once the answer is
     *         clear, no more may be trained, a sanity gate held a re-training or the champion was vetoed
     */
    static int pairsToAdd(RunState run, GenerationState generation, GenerationOutcome outcome) {
        if (!flags(generation, outcome).isEmpty() || run.steering().vetoed(verified(generation))) {
            return 0;
        }
        List<Pair> pairs = pairs(generation, outcome);
        SequentialTest test = Verification.test(run.config());
        if (test.decide(Metric.VAL_BPB.key(), values(pairs, Pair::seedProgram, Metric.VAL_BPB),
                values(pairs, Pair::champion, Metric.VAL_BPB)) != Decision.CONTINUE) {
            return 0;
        }
        int attempted = generation.assignments().size() / 2;
        return Math.min(test.pairsToNextLook(pairs.size()), run.config().verificationSeeds() - attempted);
    }

    /** @return the report, or null when no pair has both re-trainings completed */
    static VerificationReport report(RunState run, GenerationState generation, GenerationOutcome outcome) {
        List<Pair> pairs = pairs(generation, outcome);
        if (pairs.isEmpty()) {
            return null;
        }
        SequentialTest test = Verification.test(run.config());
        double[] seedBpb = values(pairs, Pair::seedProgram, Metric.VAL_BPB);
        double[] championBpb = values(pairs, Pair::champion, Metric.VAL_BPB);
        Decision decision = test.decide(Metric.VAL_BPB.key(), seedBpb, championBpb);
        if (decision == Decision.CONTINUE) {
            // fewer pairs than the next look: failed re-trainings or the deadline ended it early
            decision = test.conclude(Metric.VAL_BPB.key(), seedBpb, championBpb);
        }
        double confidence = 1 - test.alphaPerLook();
        List<MetricComparison> metrics = REPORTED.stream().map(metric -> compare(metric, pairs, confidence))
                .filter(Objects::nonNull).toList();
        List<IntegrityFlag> held = flags(generation, outcome);
        // the champion as the generation opened: a veto since then took the title, and the verdict with it
        String verified = verified(generation);
        boolean improved = decision == Decision.BETTER && held.isEmpty() && !run.steering().vetoed(verified);
        List<Long> seeds = generation.assignments().stream().map(Assignment::trainingSeed).distinct().toList();
        return new VerificationReport(verified, run.baselineVariantId(), seeds, metrics, Verification.ALPHA, improved,
                held, test.looks(), test.minimumEffect());
    }

    /** Throughput is compared only within pairs that trained on the same kind of device; null if there is none. */
    private static MetricComparison compare(Metric metric, List<Pair> pairs, double confidence) {
        List<Pair> comparable = !metric.throughput() ? pairs : pairs.stream()
                .filter(p -> p.seedProgram().metrics().device().equals(p.champion().metrics().device())).toList();
        if (comparable.isEmpty()) {
            return null;
        }
        return Verification.paired(metric.key(), values(comparable, Pair::champion, metric),
                values(comparable, Pair::seedProgram, metric), confidence);
    }

    /** The pairs whose two re-trainings completed, in the order the pairs went out. */
    private static List<Pair> pairs(GenerationState generation, GenerationOutcome outcome) {
        Map<Long, Candidate> seedPrograms = new LinkedHashMap<>();
        Map<Long, Candidate> champions = new LinkedHashMap<>();
        for (Assignment assignment : generation.assignments()) {
            Candidate candidate = outcome.byVariant().get(assignment.assignmentId());
            if (candidate != null) {
                (seedProgram(assignment) ? seedPrograms : champions).put(assignment.trainingSeed(), candidate);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        seedPrograms.forEach((seed, seedProgram) -> {
            if (champions.containsKey(seed)) {
                pairs.add(new Pair(seed, seedProgram, champions.get(seed)));
            }
        });
        return pairs;
    }

    private static List<IntegrityFlag> flags(GenerationState generation, GenerationOutcome outcome) {
        List<IntegrityFlag> held = new ArrayList<>();
        for (Assignment assignment : generation.assignments()) {
            for (IntegrityFlag flag : outcome.flags().getOrDefault(assignment.assignmentId(), List.of())) {
                held.add(new IntegrityFlag(flag.gate(), assignment.assignmentId() + ": " + flag.detail()));
            }
        }
        return held;
    }

    private static String verified(GenerationState generation) {
        return generation.assignments().stream().filter(a -> !seedProgram(a)).map(Assignment::parentVariantId)
                .findFirst().orElseThrow();
    }

    private static boolean seedProgram(Assignment assignment) {
        return assignment.targetAgentId().equals(GenerationPlanner.BASELINE_AGENT);
    }

    private static double[] values(List<Pair> pairs, Function<Pair, Candidate> side, Metric metric) {
        return pairs.stream().mapToDouble(p -> metric.of(side.apply(p).metrics())).toArray();
    }
}
