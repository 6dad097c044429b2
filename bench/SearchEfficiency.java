import ai.darwin.statistics.MeanInterval;
import org.apache.commons.math3.distribution.TDistribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Summarises bench/search-efficiency.sh from what each ./darwin run printed (files named MUTATOR-SEED.log).
 *
 * <p>Per run: the verified Δ val_bpb of the champion against the unmodified seed program (the run's own paired
 * verification, in % of the seed's val_bpb) with its p and verdict; the variants trained until the first one beat its
 * generation's control beyond the noise floor (counted to the end of that generation, since a generation's results
 * are judged together); the best Δ against a control; error and failure rates. Per mutator: the mean verified Δ with
 * its 95 % t-interval over the runs. Then optimizer against random: the difference of those means with a 95 % Welch
 * interval and its two-sided p.
 */
public class SearchEfficiency {

    private static final String NUMBER = "([+-]?\\d+[.,]\\d+)";
    private static final Pattern CLOSED = Pattern.compile("^Generation (\\d+) closed: .* failure rate (\\d+)%, error "
            + "rate (\\d+)%");
    private static final Pattern FLOOR = Pattern.compile("^\\s+noise floor: val_bpb ±" + NUMBER);
    /** A candidate's line after its generation closed; controls and verification re-trainings have none. */
    private static final Pattern CANDIDATE = Pattern.compile("^\\s+(\\S+)\\s+Δ val_bpb " + NUMBER
            + "(?: ± " + NUMBER + ")?\\s*(better|worse|tie)?");
    private static final Pattern VERDICT = Pattern.compile("^Verified improvement: (YES|NO)");
    private static final Pattern VERIFIED_BPB = Pattern.compile("^\\s+val_bpb\\s+champion " + NUMBER + "\\s+seed "
            + NUMBER + "\\s+Δ " + NUMBER + " .* p = (\\S+)");

    /** One run's numbers; NaN or -1 where the run did not say. */
    record Run(String mutator, String seed, double verifiedPercent, double p, String verdict, int evaluationsToBetter,
               int evaluations, double bestDelta, double floor, double errorRate, double failureRate) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<Run>> byMutator = new LinkedHashMap<>();
        for (String arg : args) {
            Run run = read(Path.of(arg));
            byMutator.computeIfAbsent(run.mutator(), m -> new ArrayList<>()).add(run);
        }
        System.out.println();
        System.out.println("Search efficiency (val_bpb; negative Δ is better). verified: the champion against the "
                + "unmodified seed program, re-trained in pairs by the run's verification; first better: variants "
                + "trained until one beat its generation's control beyond the noise floor; best Δ: against a control");
        System.out.printf(Locale.ROOT, "%-10s %-5s %10s %9s %-8s %14s %10s %8s %7s %8s%n", "mutator", "seed",
                "verified Δ", "p", "verdict", "first better", "best Δ", "floor", "errors", "failures");
        for (List<Run> runs : byMutator.values()) {
            for (Run r : runs) {
                System.out.printf(Locale.ROOT, "%-10s %-5s %9.2f%% %9s %-8s %14s %+10.4f %8.4f %6.0f%% %7.0f%%%n",
                        r.mutator(), r.seed(), r.verifiedPercent(), Double.isNaN(r.p()) ? "-"
                                : String.format(Locale.ROOT, r.p() < 0.001 ? "%.1e" : "%.4f", r.p()), r.verdict(),
                        r.evaluationsToBetter() < 0 ? "never (of " + r.evaluations() + ")"
                                : r.evaluationsToBetter() + " of " + r.evaluations(), r.bestDelta(), r.floor(),
                        100 * r.errorRate(), 100 * r.failureRate());
            }
        }
        System.out.println();
        Map<String, double[]> verified = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> entry : byMutator.entrySet()) {
            List<Run> runs = entry.getValue();
            double[] deltas = runs.stream().mapToDouble(Run::verifiedPercent).filter(Double::isFinite).toArray();
            verified.put(entry.getKey(), deltas);
            long yes = runs.stream().filter(r -> r.verdict().equals("YES")).count();
            double first = mean(runs.stream().filter(r -> r.evaluationsToBetter() >= 0)
                    .mapToDouble(Run::evaluationsToBetter).average());
            System.out.printf(Locale.ROOT, "%-10s verified Δ %s over %d runs; YES in %d; first better after %s "
                            + "variants on average where it came (%d of %d runs); error rate %.0f%%, failure rate "
                            + "%.0f%%%n", entry.getKey(), interval(deltas), deltas.length, yes,
                    Double.isNaN(first) ? "-" : String.format(Locale.ROOT, "%.1f", first),
                    runs.stream().filter(r -> r.evaluationsToBetter() >= 0).count(), runs.size(),
                    100 * mean(runs.stream().mapToDouble(Run::errorRate).average()),
                    100 * mean(runs.stream().mapToDouble(Run::failureRate).average()));
        }
        double[] optimizer = verified.get("optimizer");
        double[] random = verified.get("random");
        if (optimizer != null && random != null) {
            System.out.println("optimizer - random: " + welch(optimizer, random));
        }
    }

    /** Mean with its 95 % t-interval, in % of the seed's val_bpb. */
    static String interval(double[] values) {
        if (values.length == 0) {
            return "-";
        }
        if (values.length == 1) {
            return String.format(Locale.ROOT, "%+.2f%% (one run, no interval)", values[0]);
        }
        MeanInterval m = MeanInterval.of(values, 0.95);
        return String.format(Locale.ROOT, "%+.2f%% [%+.2f%%, %+.2f%%] (95%%)", m.mean(), m.low(), m.high());
    }

    /** Difference of the means with a 95 % Welch interval and its two-sided p. */
    static String welch(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return "needs at least 2 verified runs of each";
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double difference = mean(a) - mean(b);
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return String.format(Locale.ROOT, "%+.2f%% of the seed's val_bpb (no spread)", difference);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        TDistribution t = new TDistribution(df);
        double half = t.inverseCumulativeProbability(0.975) * se;
        double p = 2 * t.cumulativeProbability(-Math.abs(difference / se));
        return String.format(Locale.ROOT, "%+.2f%% of the seed's val_bpb [%+.2f%%, %+.2f%%] (95%%, Welch, %.1f df), "
                        + "p = %.3f%s", difference, difference - half, difference + half, df, p,
                difference < 0 && difference + half < 0 ? ": the optimizer searched better"
                        : ": no difference shown at this number of runs");
    }

    static Run read(Path log) throws Exception {
        String name = log.getFileName().toString().replaceFirst("\\.log$", "");
        int dash = name.lastIndexOf('-');
        double best = Double.NaN;
        double floor = Double.NaN;
        double verified = Double.NaN;
        double p = Double.NaN;
        int evaluations = 0;
        int firstBetter = -1;
        boolean betterThisGeneration = false;
        List<Double> errors = new ArrayList<>();
        List<Double> failures = new ArrayList<>();
        String verdict = "-";
        boolean closed = false;
        for (String line : Files.readAllLines(log)) {
            Matcher m;
            if ((m = CLOSED.matcher(line)).find()) {
                if (betterThisGeneration && firstBetter < 0) {
                    firstBetter = evaluations;
                }
                betterThisGeneration = false;
                closed = true;
                failures.add(Integer.parseInt(m.group(2)) / 100.0);
                errors.add(Integer.parseInt(m.group(3)) / 100.0);
            } else if ((m = FLOOR.matcher(line)).find()) {
                floor = number(m.group(1));
            } else if (closed && (m = CANDIDATE.matcher(line)).find()) {
                double delta = number(m.group(2));
                evaluations++;
                best = Double.isNaN(best) ? delta : Math.min(best, delta);
                if ("better".equals(m.group(4))) {
                    betterThisGeneration = true;
                }
            } else if ((m = VERDICT.matcher(line)).find()) {
                verdict = m.group(1);
            } else if ((m = VERIFIED_BPB.matcher(line)).find()) {
                verified = 100 * number(m.group(3)) / number(m.group(2));
                p = Double.parseDouble(m.group(4));
            } else if (line.startsWith("Generation ")) {
                // candidates are listed after their generation closed; a new generation's lines end that list
                if (betterThisGeneration && firstBetter < 0) {
                    firstBetter = evaluations;
                }
                betterThisGeneration = false;
                closed = false;
            }
        }
        if (betterThisGeneration && firstBetter < 0) {
            firstBetter = evaluations;
        }
        // the verification's closing line reports the generation's failure and error rates over re-trainings only
        if (verdict.equals("-") || errors.isEmpty()) {
            return new Run(mutator(name, dash), seed(name, dash), verified, p, verdict, firstBetter, evaluations,
                    best, floor, mean(errors), mean(failures));
        }
        return new Run(mutator(name, dash), seed(name, dash), verified, p, verdict, firstBetter, evaluations, best,
                floor, mean(errors.subList(0, errors.size() - 1)), mean(failures.subList(0, failures.size() - 1)));
    }

    private static String mutator(String name, int dash) {
        return dash < 0 ? name : name.substring(0, dash);
    }

    private static String seed(String name, int dash) {
        return dash < 0 ? "-" : name.substring(dash + 1);
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    private static double mean(List<Double> values) {
        return values.isEmpty() ? 0 : mean(values.stream().mapToDouble(d -> d).average());
    }

    private static double mean(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : Double.NaN;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (values.length - 1);
    }
}
