package ai.darwin.local.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./darwin compare A.java B.java} was asked, every option checked before anything starts.
 *
 * @param programA      the control's source file
 * @param programB      the candidate's source file
 * @param maxSeeds      the most seed pairs the sequential test may train
 * @param maxTokens     the token budget of every run; 0 with a time budget
 * @param maxSeconds    the time budget of every run; 0 with a token budget
 * @param dataset       a local file or an http(s) URL; null for the default corpus
 * @param sha256        the dataset's expected SHA-256, or null
 * @param preset        {@code cpu} or {@code gpu}; null for the device's
 * @param seed          the first training seed; pair i trains with seed + i
 * @param alpha         the false-positive rate of the verdict
 * @param json          print one JSON object instead of text
 * @param allowUnisolated run without bubblewrap where it cannot run
 * @param minEffect     the smallest val_bpb improvement called one, as a fraction of A's val_bpb
 */
public record CompareOptions(Path programA, Path programB, int maxSeeds, long maxTokens, double maxSeconds,
                             String dataset, String sha256, String preset, long seed, double alpha, boolean json,
                             boolean allowUnisolated, double minEffect) {

    /** The default budget: the same token budget every variant of a default {@code ./darwin run} gets. */
    public static final long DEFAULT_BUDGET_TOKENS = 150_000;
    public static final int DEFAULT_SEEDS = 8;
    public static final long DEFAULT_SEED = 1337;
    public static final double DEFAULT_ALPHA = 0.01;
    /** As a run's verdict: {@link ai.darwin.events.run.RunConfig#DEFAULT_MINIMUM_EFFECT}. */
    public static final double DEFAULT_MIN_EFFECT = ai.darwin.events.run.RunConfig.DEFAULT_MINIMUM_EFFECT;

    /** Options with the default minimum effect. */
    public CompareOptions(Path programA, Path programB, int maxSeeds, long maxTokens, double maxSeconds,
                          String dataset, String sha256, String preset, long seed, double alpha, boolean json,
                          boolean allowUnisolated) {
        this(programA, programB, maxSeeds, maxTokens, maxSeconds, dataset, sha256, preset, seed, alpha, json,
                allowUnisolated, DEFAULT_MIN_EFFECT);
    }

    public static String usage() {
        return """
                usage: ./darwin compare A.java B.java [--seeds N] [--budget-tokens T | --budget-seconds S]
                                        [--dataset FILE|URL] [--sha256 HEX] [--preset cpu|gpu] [--seed S]
                                        [--alpha P] [--min-effect PCT] [--json] [--allow-unisolated]
                  Trains A and B with the same seeds, interleaved (A B A B ...), in the training sandbox, and adds
                  seed pairs until B is clearly better or not (at most N, default %d; alpha %s). B is better only
                  by at least --min-effect percent of A's val_bpb (default %s; 0: any significant difference).
                  Prints each metric's mean and interval, the difference, its interval and p, and the verdict.
                  Exit status: 0 when B is significantly better than A, 1 when it is not, 2 on error."""
                .formatted(DEFAULT_SEEDS, DEFAULT_ALPHA, 100 * DEFAULT_MIN_EFFECT);
    }

    /** @throws IllegalArgumentException naming the option and what it allows */
    public static CompareOptions parse(List<String> args) {
        Path a = null;
        Path b = null;
        int seeds = DEFAULT_SEEDS;
        long tokens = 0;
        double seconds = 0;
        String dataset = null;
        String sha256 = null;
        String preset = null;
        long seed = DEFAULT_SEED;
        double alpha = DEFAULT_ALPHA;
        double minEffect = DEFAULT_MIN_EFFECT;
        boolean json = false;
        boolean allowUnisolated = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--json" -> json = true;
                case "--allow-unisolated" -> allowUnisolated = true;
                case "--seeds", "--budget-tokens", "--budget-seconds", "--dataset", "--sha256", "--preset", "--seed",
                        "--alpha", "--min-effect" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--seeds" -> seeds = (int) number(arg, value, 2, 100);
                        case "--budget-tokens" -> tokens = number(arg, value, 1, Long.MAX_VALUE);
                        case "--budget-seconds" -> seconds = decimal(arg, value);
                        case "--dataset" -> dataset = value;
                        case "--sha256" -> sha256 = value;
                        case "--preset" -> preset = choice(arg, value);
                        case "--seed" -> seed = number(arg, value, Long.MIN_VALUE, Long.MAX_VALUE);
                        case "--min-effect" -> minEffect = percent(arg, value);
                        default -> alpha = probability(arg, value);
                    }
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (a == null) {
                        a = program(arg);
                    } else if (b == null) {
                        b = program(arg);
                    } else {
                        throw new IllegalArgumentException("compare takes two programs, A and B; " + arg
                                + " is a third");
                    }
                }
            }
        }
        if (a == null || b == null) {
            throw new IllegalArgumentException("compare needs two programs: A.java (the control) and B.java");
        }
        if (tokens > 0 && seconds > 0) {
            throw new IllegalArgumentException("give --budget-tokens or --budget-seconds, not both");
        }
        if (tokens == 0 && seconds == 0) {
            tokens = DEFAULT_BUDGET_TOKENS;
        }
        return new CompareOptions(a, b, seeds, tokens, seconds, dataset, sha256, preset, seed, alpha, json,
                allowUnisolated, minEffect);
    }

    /** A percentage from 0 to 50, as a fraction. */
    private static double percent(String option, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed >= 0 && parsed <= 50) {
                return parsed / 100;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(option + " takes a percentage of A's val_bpb from 0 to 50, not '" + value
                + "'");
    }

    private static Path program(String name) {
        Path path = Path.of(name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no program at " + path);
        }
        return path;
    }

    private static long number(String option, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max
                    + ", not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(option + " takes a whole number from " + min + " to " + max
                    + ", not " + parsed);
        }
        return parsed;
    }

    private static double decimal(String option, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException(option + " takes a number of seconds above 0, not '" + value + "'");
    }

    private static double probability(String option, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed > 0 && parsed < 0.5) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new IllegalArgumentException(option + " takes a probability above 0 and below 0.5, not '" + value + "'");
    }

    private static String choice(String option, String value) {
        if (!value.equals("cpu") && !value.equals("gpu")) {
            throw new IllegalArgumentException(option + " takes cpu or gpu, not '" + value + "'");
        }
        return value;
    }
}
