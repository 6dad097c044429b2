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
 * Summarises bench/search-efficiency.sh from what ./darwin run printed for each run (the lines of RunLines): per run,
 * the best Δ val_bpb of any variant against its generation's control, the run's noise floor, the first generation
 * with a variant better than the control beyond the floor, the mean error rate (proposals that never trained) and
 * failure rate (trainings that failed), and the final verdict; per mutator the means; then optimizer/random.
 *
 * <p>Arguments: the logs, each named MUTATOR-SEED.log.
 */
public class SearchEfficiency {

    private static final String NUMBER = "([+-]?\\d+[.,]\\d+)";
    private static final Pattern CLOSED = Pattern.compile("^Generation (\\d+) closed: .* failure rate (\\d+)%, error "
            + "rate (\\d+)%");
    private static final Pattern FLOOR = Pattern.compile("^\\s+noise floor: val_bpb ±" + NUMBER);
    private static final Pattern CANDIDATE = Pattern.compile("^\\s+(\\S+)\\s+Δ val_bpb " + NUMBER
            + "(?: ± " + NUMBER + ")?\\s*(better|worse|tie)?");
    private static final Pattern VERDICT = Pattern.compile("^Verified improvement: (YES|NO)");
    private static final Pattern VERIFIED_BPB = Pattern.compile("^\\s+val_bpb\\s+champion .*Δ " + NUMBER
            + " .* p = (\\S+)");

    /** One run's numbers; NaN or -1 where the run did not say. */
    record Run(String mutator, String seed, double bestDelta, double floor, boolean beyondFloor, int firstImproved,
               int generations, double errorRate, double failureRate, String verdict) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<Run>> byMutator = new LinkedHashMap<>();
        for (String arg : args) {
            Run run = read(Path.of(arg));
            byMutator.computeIfAbsent(run.mutator(), m -> new ArrayList<>()).add(run);
        }
        System.out.println();
        System.out.println("Search efficiency (Δ val_bpb of the best variant against its generation's control; "
                + "negative is better):");
        System.out.printf(Locale.ROOT, "%-10s %-5s %11s %9s %8s %13s %7s %8s  %s%n", "mutator", "seed", "best Δ",
                "floor", "beyond", "first better", "errors", "failures", "verified");
        for (List<Run> runs : byMutator.values()) {
            for (Run r : runs) {
                System.out.printf(Locale.ROOT, "%-10s %-5s %+11.4f %9.4f %8s %13s %6.0f%% %7.0f%%  %s%n", r.mutator(),
                        r.seed(), r.bestDelta(), r.floor(), r.beyondFloor() ? "yes" : "no",
                        r.firstImproved() < 0 ? "never (of " + r.generations() + ")"
                                : "generation " + r.firstImproved(), 100 * r.errorRate(), 100 * r.failureRate(),
                        r.verdict());
            }
        }
        System.out.println();
        Map<String, double[]> means = new LinkedHashMap<>();
        for (Map.Entry<String, List<Run>> entry : byMutator.entrySet()) {
            List<Run> runs = entry.getValue();
            double delta = mean(runs.stream().mapToDouble(Run::bestDelta).filter(Double::isFinite).average());
            double first = mean(runs.stream().filter(r -> r.firstImproved() >= 0).mapToDouble(Run::firstImproved)
                    .average());
            long improved = runs.stream().filter(Run::beyondFloor).count();
            double errors = mean(runs.stream().mapToDouble(Run::errorRate).average());
            double failures = mean(runs.stream().mapToDouble(Run::failureRate).average());
            means.put(entry.getKey(), new double[] {delta, first, improved, runs.size()});
            System.out.printf(Locale.ROOT, "%-10s mean best Δ %+.4f over %d runs; beyond the floor in %d; first "
                            + "better at generation %s on average where it came; error rate %.0f%%, failure rate "
                            + "%.0f%%%n", entry.getKey(), delta, runs.size(), improved,
                    Double.isNaN(first) ? "-" : String.format(Locale.ROOT, "%.1f", first), 100 * errors,
                    100 * failures);
        }
        double[] optimizer = means.get("optimizer");
        double[] random = means.get("random");
        if (optimizer != null && random != null) {
            System.out.printf(Locale.ROOT, "optimizer/random: best Δ %s; runs beyond the floor %d/%d against %d/%d;"
                            + " generations to the first improvement %s%n",
                    random[0] == 0 || Double.isNaN(random[0]) ? "-" : String.format(Locale.ROOT, "%.2f×",
                            optimizer[0] / random[0]), (int) optimizer[2], (int) optimizer[3], (int) random[2],
                    (int) random[3], Double.isNaN(optimizer[1]) || Double.isNaN(random[1]) ? "-"
                            : String.format(Locale.ROOT, "%.2f×", optimizer[1] / random[1]));
        }
    }

    static Run read(Path log) throws Exception {
        String name = log.getFileName().toString().replaceFirst("\\.log$", "");
        int dash = name.lastIndexOf('-');
        double best = Double.NaN;
        double floor = Double.NaN;
        boolean beyond = false;
        int first = -1;
        int generation = 0;
        int generations = 0;
        List<Double> errors = new ArrayList<>();
        List<Double> failures = new ArrayList<>();
        String verdict = "-";
        for (String line : Files.readAllLines(log)) {
            Matcher m;
            if ((m = CLOSED.matcher(line)).find()) {
                generation = Integer.parseInt(m.group(1));
                if (generation > 0) {
                    generations = Math.max(generations, generation);
                    failures.add(Integer.parseInt(m.group(2)) / 100.0);
                    errors.add(Integer.parseInt(m.group(3)) / 100.0);
                }
            } else if ((m = FLOOR.matcher(line)).find()) {
                floor = number(m.group(1));
            } else if ((m = CANDIDATE.matcher(line)).find() && generation > 0) {
                double delta = number(m.group(2));
                best = Double.isNaN(best) ? delta : Math.min(best, delta);
                if ("better".equals(m.group(4))) {
                    beyond = true;
                    first = first < 0 ? generation : first;
                }
            } else if ((m = VERDICT.matcher(line)).find()) {
                verdict = m.group(1);
            } else if ((m = VERIFIED_BPB.matcher(line)).find()) {
                verdict += String.format(Locale.ROOT, " (Δ %+.4f, p = %s)", number(m.group(1)), m.group(2));
            }
        }
        return new Run(dash < 0 ? name : name.substring(0, dash), dash < 0 ? "-" : name.substring(dash + 1), best,
                floor, beyond, first, generations, mean(errors.stream().mapToDouble(d -> d).average()),
                mean(failures.stream().mapToDouble(d -> d).average()), verdict);
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    private static double mean(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : Double.NaN;
    }
}
