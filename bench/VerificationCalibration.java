import ai.darwin.statistics.SequentialTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.distribution.BetaDistribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Summarises bench/verification-calibration.sh: the verdicts of the A/A and A/B comparisons it ran through
 * ./darwin compare, with their Clopper-Pearson intervals, and what the measured noise implies for many more.
 *
 * <p>Arguments: alpha, max seeds, then the JSON files, each named aa-*.json or ab-*.json.
 */
public class VerificationCalibration {

    public static void main(String[] args) throws Exception {
        double alpha = Double.parseDouble(args[0]);
        int maxSeeds = Integer.parseInt(args[1]);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> aa = new ArrayList<>();
        List<JsonNode> ab = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path file = Path.of(args[i]);
            // ./darwin may print a build line before the JSON object: read from the object's first line
            String text = Files.readString(file);
            int start = text.startsWith("{") ? 0 : text.indexOf("\n{") + 1;
            (file.getFileName().toString().startsWith("aa-") ? aa : ab).add(json.readTree(text.substring(start)));
        }
        List<Double> nullDifferences = differences(aa);
        List<Double> effectDifferences = differences(ab);
        double baseline = aa.stream().flatMap(c -> values(c, "A").stream()).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
        System.out.println();
        System.out.println("Verification calibration (alpha " + alpha + ", at most " + maxSeeds + " seed pairs):");
        report("false-positive rate (A/A: the seed against a copy that draws its initial weights differently)", aa,
                "BETTER");
        report("power (A/B: the seed against a known improvement)", ab, "BETTER");
        double sdNull = sd(nullDifferences);
        double meanEffect = mean(effectDifferences);
        double sdEffect = sd(effectDifferences);
        System.out.printf(Locale.ROOT, "measured: seed val_bpb %.4f; A/A paired differences sd %.4f (%.2f %%) over %d "
                        + "pairs; A/B mean difference %+.4f (%+.2f %%), sd %.4f over %d pairs%n", baseline, sdNull,
                100 * sdNull / baseline, nullDifferences.size(), meanEffect, 100 * meanEffect / baseline, sdEffect,
                effectDifferences.size());
        if (nullDifferences.size() >= 3) {
            // the minimum effect of ./darwin compare's default, which the measured comparisons above used
            SequentialTest test = SequentialTest.between(Math.min(3, maxSeeds), maxSeeds, alpha, true,
                    ai.darwin.local.compare.CompareOptions.DEFAULT_MIN_EFFECT);
            double sdAb = effectDifferences.size() >= 3 ? sdEffect : sdNull;
            System.out.printf(Locale.ROOT, "projected from that noise, over 20,000 simulated comparisons each: "
                            + "false-positive rate %.4f; power for a 2 %% improvement %.3f; for the measured effect "
                            + "%.3f%n", simulate(test, 0, sdNull), simulate(test, -0.02 * baseline, sdAb),
                    Double.isNaN(meanEffect) ? Double.NaN : simulate(test, meanEffect, sdAb));
        }
    }

    private static void report(String what, List<JsonNode> comparisons, String hit) {
        int n = comparisons.size();
        long hits = comparisons.stream().filter(c -> c.path("verdict").asText().equals(hit)).count();
        long errors = comparisons.stream().filter(c -> c.path("verdict").asText().equals("ERROR")).count();
        double pairs = comparisons.stream().mapToInt(c -> c.path("pairs").asInt()).average().orElse(Double.NaN);
        double[] interval = clopperPearson(hits, n, 0.95);
        System.out.printf(Locale.ROOT, "  %s: %d of %d = %.2f, 95 %% interval [%.2f, %.2f]; %.1f pairs on average%s%n",
                what, hits, n, n == 0 ? Double.NaN : (double) hits / n, interval[0], interval[1], pairs,
                errors > 0 ? "; " + errors + " ended in an error" : "");
    }

    /** B − A of val_bpb for every completed pair. */
    private static List<Double> differences(List<JsonNode> comparisons) {
        List<Double> differences = new ArrayList<>();
        for (JsonNode comparison : comparisons) {
            List<Double> a = values(comparison, "A");
            List<Double> b = values(comparison, "B");
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                differences.add(b.get(i) - a.get(i));
            }
        }
        return differences;
    }

    private static List<Double> values(JsonNode comparison, String program) {
        List<Double> values = new ArrayList<>();
        for (JsonNode run : comparison.path("runs")) {
            if (run.path("program").asText().equals(program) && run.has("metrics")) {
                values.add(run.path("metrics").path("valBitsPerByte").asDouble());
            }
        }
        return values;
    }

    /** How often the sequential test says BETTER when pairs differ by a normal effect with this spread. */
    private static double simulate(SequentialTest test, double effect, double sd) {
        SplittableRandom random = new SplittableRandom(2024);
        int trials = 20_000;
        int better = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] a = new double[test.maxPairs()];
            double[] b = new double[test.maxPairs()];
            for (int i = 0; i < a.length; i++) {
                b[i] = effect + sd * gaussian(random);
            }
            for (int n = 2; n <= test.maxPairs(); n++) {
                SequentialTest.Decision decision = test.decide("val_bpb", Arrays.copyOf(a, n), Arrays.copyOf(b, n));
                if (decision != SequentialTest.Decision.CONTINUE) {
                    better += decision == SequentialTest.Decision.BETTER ? 1 : 0;
                    break;
                }
            }
        }
        return (double) better / trials;
    }

    static double[] clopperPearson(long hits, long n, double confidence) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double alpha = 1 - confidence;
        double low = hits == 0 ? 0 : new BetaDistribution(hits, n - hits + 1).inverseCumulativeProbability(alpha / 2);
        double high = hits == n ? 1
                : new BetaDistribution(hits + 1, n - hits).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {low, high};
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sd(List<Double> values) {
        double mean = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum()
                / Math.max(1, values.size() - 1));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
