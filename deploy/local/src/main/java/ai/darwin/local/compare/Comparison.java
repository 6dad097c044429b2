package ai.darwin.local.compare;

import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.statistics.MeanInterval;
import ai.darwin.statistics.PairedComparison;
import ai.darwin.statistics.SequentialTest;
import ai.darwin.training.sandbox.SandboxOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Program B against program A, the way a run verifies a champion: pairs trained with the same seed, A then B, one
 * pair after another, until the sequential test on val_bpb says B is better or not. A failed or held run ends the
 * comparison: B cannot be shown better.
 */
public final class Comparison {

    /** Trains one program with one seed, as the training workers do. */
    @FunctionalInterface
    public interface Trainer {
        SandboxOutcome train(String label, String source, long seed);
    }

    /** Sees each run as it ends. */
    @FunctionalInterface
    public interface Listener {
        void trained(Run run);
    }

    /** One program trained with one seed. */
    public record Run(String side, long seed, SandboxOutcome outcome) {

        TrainingMetrics metrics() {
            return ((SandboxOutcome.Completed) outcome).metrics();
        }
    }

    /** How the comparison ended. */
    public enum Verdict {
        /** B is significantly better than A on val_bpb. */
        BETTER,
        /** B is not shown better: a tie, worse, failed, held by a sanity gate, or unclear after the most pairs. */
        NOT_BETTER,
        /** Nothing can be said: the sandbox or the machine failed, not a program. */
        ERROR
    }

    /**
     * A metric compared.
     *
     * @param name          as printed
     * @param lowerIsBetter its direction
     * @param value         where it is in the harness's metrics
     */
    record Metric(String name, boolean lowerIsBetter, ToDoubleFunction<TrainingMetrics> value) {
    }

    /** val_bpb decides; the others are reported with the same statistics. */
    static final List<Metric> METRICS = List.of(
            new Metric("val_bpb", true, TrainingMetrics::valBitsPerByte),
            new Metric("perplexity", true, TrainingMetrics::perplexity),
            new Metric("tokens_per_second", false, TrainingMetrics::tokensPerSecond),
            new Metric("mfu", false, TrainingMetrics::mfu));

    /**
     * What a comparison found.
     *
     * @param verdict     how it ended
     * @param reason      why, in a sentence
     * @param test        the sequential plan it followed
     * @param runs        every run, in the order they trained
     * @param comparisons each metric over the completed pairs (empty when no pair completed)
     * @param sides       each metric's mean interval for A and for B, A first
     */
    public record Result(Verdict verdict, String reason, SequentialTest test, List<Run> runs,
                         List<PairedComparison> comparisons, List<MeanInterval[]> sides) {

        public int pairs() {
            return comparisons.isEmpty() ? 0 : comparisons.get(0).pairs();
        }
    }

    private Comparison() {
    }

    public static Result compare(String sourceA, String sourceB, CompareOptions options, Trainer trainer,
                                 Listener listener) {
        SequentialTest test = SequentialTest.between(Math.min(3, options.maxSeeds()), options.maxSeeds(),
                options.alpha(), true, options.minEffect());
        List<Run> runs = new ArrayList<>();
        List<Run> pairsA = new ArrayList<>();
        List<Run> pairsB = new ArrayList<>();
        for (int pair = 0; pair < test.maxPairs(); pair++) {
            long seed = options.seed() + pair;
            Run a = train("A", sourceA, seed, trainer, listener, runs);
            String stopped = problem(a);
            if (stopped != null) {
                return ended(a, stopped, test, runs, pairsA, pairsB);
            }
            Run b = train("B", sourceB, seed, trainer, listener, runs);
            stopped = problem(b);
            if (stopped != null) {
                return ended(b, stopped, test, runs, pairsA, pairsB);
            }
            pairsA.add(a);
            pairsB.add(b);
            SequentialTest.Decision decision = test.decide("val_bpb", values(pairsA, METRICS.get(0)),
                    values(pairsB, METRICS.get(0)));
            if (decision == SequentialTest.Decision.BETTER) {
                return result(Verdict.BETTER, "B's val_bpb is lower than A's at the look of " + pairsA.size()
                        + " pairs, p below " + test.alphaPerLook(), test, runs, pairsA, pairsB);
            }
            if (decision == SequentialTest.Decision.NOT_BETTER) {
                PairedComparison look = PairedComparison.of("val_bpb", values(pairsA, METRICS.get(0)),
                        values(pairsB, METRICS.get(0)), 1 - test.alphaPerLook());
                if (test.significantButSmall(look, test.margin(values(pairsA, METRICS.get(0))))) {
                    return result(Verdict.NOT_BETTER, String.format(Locale.ROOT, "B's val_bpb is "
                            + "significantly lower, but by less than the minimum effect of %.2f %% of A's (%d pairs)",
                            100 * test.minimumEffect(), pairsA.size()), test, runs, pairsA, pairsB);
                }
                return result(Verdict.NOT_BETTER, pairsA.size() >= test.maxPairs()
                        ? "no significant improvement in val_bpb after the most pairs, " + test.maxPairs()
                        : "B's val_bpb interval excludes any improvement of the minimum effect at the look of " + pairsA.size() + " pairs",
                        test, runs, pairsA, pairsB);
            }
        }
        return result(Verdict.NOT_BETTER, "no clear answer after " + test.maxPairs() + " pairs", test, runs, pairsA,
                pairsB);
    }

    private static Run train(String side, String source, long seed, Trainer trainer, Listener listener,
                             List<Run> runs) {
        Run run = new Run(side, seed, trainer.train(side + "-seed-" + seed, source, seed));
        runs.add(run);
        listener.trained(run);
        return run;
    }

    /** @return why this run ends the comparison, or null when it completed and is believable */
    private static String problem(Run run) {
        if (run.outcome() instanceof SandboxOutcome.Failed failed) {
            return run.side() + " failed with seed " + run.seed() + ": " + failed.failureClass() + ": "
                    + failed.message().lines().findFirst().orElse("");
        }
        if (run.outcome() instanceof SandboxOutcome.Cancelled cancelled) {
            return run.side() + " was cancelled: " + cancelled.reason();
        }
        SandboxOutcome.Completed completed = (SandboxOutcome.Completed) run.outcome();
        List<IntegrityFlag> quality = completed.integrityFlags().stream()
                .filter(flag -> flag.gate() != IntegrityGate.MFU_ABOVE_PEAK).toList();
        if (!quality.isEmpty()) {
            return run.side() + "'s result with seed " + run.seed() + " was held by a sanity gate: "
                    + quality.stream().map(IntegrityFlag::detail).collect(Collectors.joining("; "));
        }
        // an MFU above the peak is a failed measurement of speed, not of what the model learned: its line says so,
        // and the val_bpb verdict stands
        return null;
    }

    private static Result ended(Run run, String reason, SequentialTest test, List<Run> runs, List<Run> pairsA,
                                List<Run> pairsB) {
        boolean infrastructure = run.outcome() instanceof SandboxOutcome.Cancelled
                || run.outcome() instanceof SandboxOutcome.Failed failed
                && failed.failureClass() == FailureClass.INFRASTRUCTURE;
        return result(infrastructure ? Verdict.ERROR : Verdict.NOT_BETTER, reason, test, runs, pairsA, pairsB);
    }

    private static Result result(Verdict verdict, String reason, SequentialTest test, List<Run> runs,
                                 List<Run> pairsA, List<Run> pairsB) {
        List<PairedComparison> comparisons = new ArrayList<>();
        List<MeanInterval[]> sides = new ArrayList<>();
        if (!pairsA.isEmpty()) {
            for (Metric metric : METRICS) {
                double[] a = values(pairsA, metric);
                double[] b = values(pairsB, metric);
                comparisons.add(PairedComparison.of(metric.name(), a, b, 0.95));
                sides.add(new MeanInterval[] {MeanInterval.of(a, 0.95), MeanInterval.of(b, 0.95)});
            }
        }
        return new Result(verdict, reason, test, List.copyOf(runs), List.copyOf(comparisons), List.copyOf(sides));
    }

    private static double[] values(List<Run> runs, Metric metric) {
        return runs.stream().mapToDouble(run -> metric.value().applyAsDouble(run.metrics())).toArray();
    }
}
