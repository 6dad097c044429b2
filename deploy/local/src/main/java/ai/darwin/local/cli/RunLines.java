package ai.darwin.local.cli;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationStatistics;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.run.MetricComparison;
import ai.darwin.events.run.PairedDifference;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.TrainingCompleted;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The terminal's lines for a run's results, generations and verdict. A result a sanity gate held is always shown
 * with the gate that held it, so that nobody reads val_bpb 0.0 as a record; each candidate is shown against its
 * generation's control, with the run's noise floor beside it, so that nobody reads noise as progress.
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

    /** The run's LLM spending so far against its cap, after each generation. */
    static String spend(double spentUsd, double capUsd) {
        return String.format(Locale.ROOT, "  LLM spend $%.4f of %s", spentUsd,
                capUsd > 0 ? String.format(Locale.ROOT, "the $%.2f cap", capUsd) : "mutation-service's default cap");
    }

    /**
     * The generation's summary; its control and the run's noise floor; each candidate against the control (Δ, ± the
     * floor); then one line per result a sanity gate held.
     */
    static List<String> closed(GenerationClosed closed) {
        GenerationStatistics s = closed.statistics();
        List<String> lines = new ArrayList<>();
        // the DARWIN paper's two rates: proposals that never ran, and failed proposals the agent then repaired
        lines.add(String.format("Generation %d closed: best val_bpb %s, median %s, %d/%d trained, failure rate %.0f%%,"
                        + " error rate %.0f%%, error resolution %.0f%%, cost $%.4f", closed.generation(),
                format(s.bestValBitsPerByte()), format(s.medianValBitsPerByte()), s.completed(), s.variants(),
                100 * s.failureRate(), 100 * s.proposalErrorRate(), 100 * s.errorResolutionRate(), s.costUsd()));
        closed.ranking().stream().filter(r -> r.variantId().equals(closed.controlVariantId())).findFirst()
                .ifPresent(control -> lines.add(String.format("  control %s (the unmodified seed program, the "
                                + "candidates' training seed): val_bpb %s, %,.0f tok/s, mfu %.2f%%",
                        control.variantId(), format(control.valBitsPerByte()), orZero(control.tokensPerSecond()),
                        100 * orZero(control.mfu()))));
        NoiseFloor floor = closed.noiseFloor();
        if (floor != null) {
            lines.add(String.format("  noise floor: val_bpb ±%.4f%s%s (twice the spread of the seed program over %d "
                            + "training seeds); differences within it are ties", floor.valBitsPerByte(),
                    floor.tokensPerSecond() == null ? "" : String.format(", %,.0f tok/s", floor.tokensPerSecond()),
                    floor.mfu() == null ? "" : String.format(", mfu %.2f%%", 100 * floor.mfu()), floor.seeds()));
        }
        for (RankedVariant candidate : closed.ranking()) {
            if (candidate.versusControl() != null) {
                lines.add(versusControl(candidate, floor));
            }
        }
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
        boolean paired = !verification.looks().isEmpty();
        String test = paired
                ? String.format("paired by seed, looks at %s pairs, each at p < %s; false-positive rate <= %s",
                        verification.looks().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                        new BigDecimal(verification.alpha() / verification.looks().size())
                                .round(new MathContext(2)).stripTrailingZeros().toPlainString(), verification.alpha())
                : "Welch p < " + verification.alpha();
        double minimum = verification.minimumEffectOrZero();
        String answer = verification.improved() ? "YES"
                : verification.flagged() ? "NO (held by the sanity gate " + gates(verification.integrityFlags()) + ")"
                : significantButSmall(verification) ? String.format(Locale.ROOT, "NO (significantly better, but by "
                        + "less than the minimum effect of %s%% of the seed's val_bpb)", percent(minimum))
                : "NO (not significantly better)";
        if (minimum > 0) {
            test += String.format(Locale.ROOT, "; an improvement must be at least %s%% of the seed's val_bpb",
                    percent(minimum));
        }
        lines.add(String.format("Verified improvement: %s  (champion %s vs the unmodified seed, %d seeds; %s)", answer,
                verification.championVariantId(), verification.seeds().size(), test));
        for (MetricComparison metric : verification.metrics()) {
            lines.add(metric.difference() != null ? paired(metric) : String.format(
                    "  %-17s champion %.4f [%.4f, %.4f]   seed %.4f [%.4f, %.4f]   Welch p = %s", metric.metric(),
                    metric.champion().mean(), metric.champion().ci95Low(), metric.champion().ci95High(),
                    metric.baseline().mean(), metric.baseline().ci95Low(), metric.baseline().ci95High(),
                    metric.welchP() == null ? "-" : String.format("%.4g", metric.welchP())));
        }
        verification.integrityFlags().forEach(flag -> lines.add("  held by " + flag.gate() + ": " + flag.detail()));
        return lines;
    }

    /** Not improved, yet val_bpb's paired difference is significant at the verdict's level and lower. */
    private static boolean significantButSmall(VerificationReport verification) {
        PairedDifference bpb = verification.metrics().stream().filter(m -> m.metric().equals("val_bpb"))
                .map(MetricComparison::difference).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        int looks = Math.max(1, verification.looks().size());
        return bpb != null && bpb.meanDifference() < 0 && bpb.pValue() < verification.alpha() / looks
                && verification.minimumEffectOrZero() > 0;
    }

    private static String percent(double fraction) {
        return new BigDecimal(100 * fraction).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** One metric of a paired verdict: each side's mean, the effect (champion − seed) with its interval, and p. */
    private static String paired(MetricComparison metric) {
        PairedDifference d = metric.difference();
        String number = metric.metric().equals("tokens_per_second") ? "%,.0f" : "%.4f";
        String signed = metric.metric().equals("tokens_per_second") ? "%+,.0f" : "%+.4f";
        return String.format("  %-17s champion " + number + "   seed " + number + "   Δ " + signed + " [" + signed
                        + ", " + signed + "] (%.1f%%, %d pairs)   p = %.3g", metric.metric(), metric.champion().mean(),
                metric.baseline().mean(), d.meanDifference(), d.ciLow(), d.ciHigh(), 100 * d.confidence(), d.pairs(),
                d.pValue());
    }

    private static String versusControl(RankedVariant candidate, NoiseFloor floor) {
        ControlDelta delta = candidate.versusControl();
        String call = delta.withinNoise() == null ? ""
                : delta.withinNoise() ? "  tie (within the noise floor)"
                : delta.valBitsPerByte() < 0 ? "  better" : "  worse";
        return String.format("  %-30s Δ val_bpb %+.4f%s%s%s%s", candidate.variantId(), delta.valBitsPerByte(),
                floor == null ? "" : String.format(" ± %.4f", floor.valBitsPerByte()), call,
                delta.tokensPerSecond() == null ? "" : String.format("   Δ %+,.0f tok/s", delta.tokensPerSecond()),
                delta.mfu() == null ? "" : String.format("   Δ mfu %+.2f%%", 100 * delta.mfu()));
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

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
