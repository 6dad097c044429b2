package ai.darwin.local.cli;

import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.TrainingCompleted;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The terminal's lines for a run's results, generations and verdict. A result a sanity gate held is always shown
 * with the gate that held it, so that nobody reads val_bpb 0.0 as a record.
 */
final class RunLines {

    private RunLines() {
    }

    static String completed(TrainingCompleted completed) {
        var m = completed.metrics();
        return String.format("  ok %s  val_bpb %.4f  ppl %.2f  mfu %.2f%%  %,.0f tok/s  %.0f s%s", completed.variantId(),
                m.valBitsPerByte(), m.perplexity(), 100 * m.mfu(), m.tokensPerSecond(), m.totalSeconds(),
                completed.flagged() ? "  HELD by " + gates(completed.integrityFlags()) : "");
    }

    /** The generation's summary, then one line per result a sanity gate held. */
    static List<String> closed(GenerationClosed closed) {
        GenerationStatistics s = closed.statistics();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Generation %d closed: best val_bpb %s, median %s, %d/%d trained, failure rate %.0f%%,"
                        + " proposal errors %.0f%%, cost $%.4f", closed.generation(), format(s.bestValBitsPerByte()),
                format(s.medianValBitsPerByte()), s.completed(), s.variants(), 100 * s.failureRate(),
                100 * s.proposalErrorRate(), s.costUsd()));
        for (RankedVariant held : closed.ranking().stream().filter(RankedVariant::flagged).toList()) {
            lines.add(String.format("  held by %s: %s (val_bpb %s) is not ranked and cannot survive: %s",
                    gates(held.integrityFlags()), held.variantId(), format(held.valBitsPerByte()),
                    details(held.integrityFlags())));
        }
        return lines;
    }

    static List<String> verdict(VerificationReport verification) {
        List<String> lines = new ArrayList<>();
        if (verification == null) {
            lines.add("Verified improvement: not measured (no champion other than the seed, or no baseline).");
            return lines;
        }
        String answer = verification.improved() ? "YES, p < " + verification.alpha()
                : verification.flagged() ? "NO (held by the sanity gate " + gates(verification.integrityFlags()) + ")"
                : "NO (not significant at p < " + verification.alpha() + ")";
        lines.add(String.format("Verified improvement: %s  (champion %s vs the unmodified seed, %d seeds each)", answer,
                verification.championVariantId(), verification.seeds().size()));
        for (MetricComparison metric : verification.metrics()) {
            lines.add(String.format("  %-11s champion %.4f [%.4f, %.4f]   seed %.4f [%.4f, %.4f]   Welch p = %s",
                    metric.metric(), metric.champion().mean(), metric.champion().ci95Low(),
                    metric.champion().ci95High(), metric.baseline().mean(), metric.baseline().ci95Low(),
                    metric.baseline().ci95High(), metric.welchP() == null ? "-" : String.format("%.4g", metric.welchP())));
        }
        verification.integrityFlags().forEach(flag -> lines.add("  held by " + flag.gate() + ": " + flag.detail()));
        return lines;
    }

    private static String gates(List<IntegrityFlag> flags) {
        return flags.stream().map(f -> f.gate().name()).distinct().collect(Collectors.joining(", "));
    }

    private static String details(List<IntegrityFlag> flags) {
        return flags.stream().map(IntegrityFlag::detail).collect(Collectors.joining("; "));
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format("%.4f", value);
    }
}
