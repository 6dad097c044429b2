package ai.darwin.local.cli;

import ai.darwin.platform.input.SmokeSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What {@code ./darwin run} was asked for: {@code run-defaults.properties} ({@link RunDefaults}), then the
 * options on the command line. Every value is checked here, before anything starts, and a wrong one is named with
 * the range it must be in.
 *
 * @param name         the run's name
 * @param population   agents
 * @param generations  generations of mutation
 * @param maxTokens    token budget per variant (0: none)
 * @param maxSeconds   training seconds per variant (0: none)
 * @param dataset      a local text file or an http(s) URL
 * @param sha256       the dataset's expected SHA-256, if known
 * @param mutator      {@code optimizer} (learns from the run's measurements), {@code random} (random knob changes,
 *                     the baseline), {@code llm}, {@code llm-chunk} or {@code hybrid} (the optimizer proposes, the
 *                     LLM accepts or overrides)
 * @param model        the LLM model, for the llm mutators
 * @param seeds        the most seed pairs the verification trains
 * @param seed         the run's master seed
 * @param costCapUsd   no more LLM calls once the run has cost this many US dollars (0: mutation-service's default)
 * @param runtimeRepairs how many times, within its generation, an LLM-written variant that fails in training goes
 *                     back to its agent for a fix (0: never)
 * @param smokeSteps   the smoke step's training steps, after which a variant's model goes through the evaluation's
 *                     checks on one held-out batch before it trains under the budget (0: no smoke step)
 * @param minEffectPercent the smallest val_bpb improvement the verdict calls one, in percent of the seed's
 * @param fresh        start a new run even if an unfinished one exists
 * @param allowUnisolated train variants without bubblewrap's wall where it cannot run (the operator's explicit risk)
 * @param given        the options named on the command line, which only a new run takes
 */
record RunOptions(String name, int population, int generations, long maxTokens, double maxSeconds, String dataset,
                  String sha256, String mutator, String model, int seeds, long seed, double costCapUsd,
                  int runtimeRepairs, int smokeSteps, double minEffectPercent, boolean fresh, boolean allowUnisolated, List<String> given) {

    static final int MAX_POPULATION = 100;
    static final int MAX_GENERATIONS = 1000;
    static final int MAX_SECONDS = 86_400;
    static final long MAX_TOKENS = 1_000_000_000_000L;
    static final int MAX_SEEDS = 20;
    static final List<String> MUTATORS = List.of("optimizer", "random", "llm", "llm-chunk", "hybrid");
    /** The mutators that call an LLM, and so need a model. */
    static final List<String> LLM_MUTATORS = List.of("llm", "llm-chunk", "hybrid");
    static final int MAX_COST_CAP_USD = 10_000;
    /** Each repair keeps a generation open for another training: a few are worth it, more only stall the run. */
    static final int MAX_RUNTIME_REPAIRS = 5;
    /** A smoke step is a few steps; past this many it is a second run, not a check. */
    static final int MAX_SMOKE_STEPS = 100;
    /** A verdict that asks for more than half of val_bpb asks for what no change delivers. */
    static final int MAX_MIN_EFFECT_PERCENT = 50;
    /** The options that take a value; each is also a setting of {@code run-defaults.properties}. */
    static final Set<String> VALUED = Set.of("name", "population", "generations", "budget-tokens", "budget-seconds",
            "dataset", "sha256", "mutator", "model", "seeds", "seed", "cost-cap-usd", "runtime-repairs",
            "smoke-steps", "min-effect");

    static RunOptions parse(List<String> args, Path repository) {
        return parse(args, repository, RunDefaults.load(), System::getenv);
    }

    /** @param env the environment (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL) */
    static RunOptions parse(List<String> args, Path repository, RunDefaults defaults, UnaryOperator<String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        VALUED.forEach(option -> values.put(option, defaults.get(option)));
        if (!blank(env.apply("OPENAI_MODEL"))) {
            values.put("model", env.apply("OPENAI_MODEL"));
        }
        boolean fresh = false;
        boolean allowUnisolated = false;
        List<String> given = new ArrayList<>();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (flag.equals("--new")) {
                fresh = true;
            } else if (flag.equals("--allow-unisolated")) {
                allowUnisolated = true;
            } else if (flag.startsWith("--") && VALUED.contains(flag.substring(2))) {
                if (rest.isEmpty() || rest.get(0).startsWith("--")) {
                    throw new IllegalArgumentException(flag + " needs a value\n" + usage());
                }
                values.put(flag.substring(2), rest.remove(0));
                given.add(flag);
            } else {
                throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }

        Values checked = new Values(values, given);
        int population = (int) checked.whole("population", 2, MAX_POPULATION);
        int generations = (int) checked.whole("generations", 1, MAX_GENERATIONS);
        double maxSeconds = checked.seconds("budget-seconds");
        // a wall-clock budget asked for alone is the "best model in T seconds" style: no token limit beside it
        long maxTokens = given.contains("--budget-seconds") && !given.contains("--budget-tokens") ? 0
                : checked.whole("budget-tokens", 0, MAX_TOKENS);
        if (maxTokens == 0 && maxSeconds == 0) {
            throw new IllegalArgumentException("--budget-seconds and --budget-tokens are both 0: a variant needs a "
                    + "budget, at least one of them above 0");
        }
        int seeds = (int) checked.whole("seeds", 2, MAX_SEEDS);
        long seed = checked.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        double costCapUsd = checked.dollars("cost-cap-usd");
        int runtimeRepairs = (int) checked.whole("runtime-repairs", 0, MAX_RUNTIME_REPAIRS);
        double minEffectPercent = checked.decimal("min-effect", MAX_MIN_EFFECT_PERCENT,
                "must be a percentage of the seed's val_bpb from 0 (any significant difference) to %d, not '%s'");
        String name = values.get("name");
        if (name.isBlank()) {
            throw checked.refused("name", "must not be blank");
        }
        String mutator = checked.mutator(env);
        String model = values.get("model");
        boolean llm = LLM_MUTATORS.contains(mutator);
        int smokeSteps = values.get("smoke-steps").equals("auto") ? SmokeSteps.auto(mutator)
                : (int) checked.whole("smoke-steps", 0, MAX_SMOKE_STEPS);
        if (llm && model.isBlank()) {
            throw checked.refused("model", "must name the LLM for the " + mutator + " mutator");
        }
        String dataset = values.get("dataset");
        String sha256 = values.get("sha256").toLowerCase(Locale.ROOT);
        if (dataset.isBlank()) {
            Path local = repository.resolve(defaults.get("default-dataset.file")).normalize();
            dataset = Files.exists(local) ? local.toString() : defaults.get("default-dataset.url");
            sha256 = sha256.isEmpty() ? defaults.get("default-dataset.sha256") : sha256;
        }
        if (!sha256.isEmpty() && !sha256.matches("[0-9a-f]{64}")) {
            throw checked.refused("sha256", "must be 64 hexadecimal digits, not '" + sha256 + "'");
        }
        return new RunOptions(name, population, generations, maxTokens, maxSeconds, dataset,
                sha256.isEmpty() ? null : sha256, mutator, llm ? model : null, seeds, seed,
                costCapUsd, runtimeRepairs, smokeSteps, minEffectPercent, fresh, allowUnisolated, List.copyOf(given));
    }

    /** Variants the run will train: the baseline, P per generation, and 2k re-trainings to verify. */
    int variants() {
        return 1 + population * generations + 2 * seeds;
    }

    static String usage() {
        return """
                usage: ./darwin run [--population 2..100] [--generations 1..1000] [--budget-tokens 0..10^12]
                                    [--budget-seconds 0..86400] [--dataset FILE|URL] [--sha256 HEX]
                                    [--mutator optimizer|random|llm|llm-chunk|hybrid] [--model NAME]
                                    [--seeds 2..20] [--seed N] [--cost-cap-usd 0..10000]
                                    [--runtime-repairs 0..5] [--smoke-steps auto|0..100] [--min-effect 0..50]
                                    [--name NAME] [--new] [--allow-unisolated]
                       ./darwin stop | status | report RUN_ID
                Defaults, with what each setting means: deploy/local/src/main/resources/run-defaults.properties.
                Every variant trains on the same number of tokens (--budget-tokens); --budget-seconds alone asks for
                a wall-clock budget instead, both together for whichever comes first. --seeds is the most seed pairs
                the final verification trains. --cost-cap-usd stops the LLM calls once the run has cost that much
                (then the offline mutator proposes). --runtime-repairs is how many times an LLM-written variant
                that fails in training goes back to its agent for a fix within its generation. --smoke-steps N
                trains each variant's first N steps and checks its model as the evaluation will (on one held-out
                batch) before the full budget, so a program that breaks only in evaluation fails in seconds (0: off;
                auto: 3 for the mutators that write code, 0 for optimizer and random). --min-effect is
                the smallest val_bpb improvement, in percent of the seed's, that the verdict calls one (default 0.5).
                Without --new, an unfinished run is resumed as it was requested. The llm mutator is the default when
                OPENAI_API_KEY or OPENAI_BASE_URL is set (any OpenAI-compatible server). Training runs each variant
                behind bubblewrap; --allow-unisolated trains without it where it cannot run (LLM-written code then
                runs with only the bytecode check between it and this machine).""";
    }

    /** The values to check, and where each came from, so that a refusal says where to change it. */
    private record Values(Map<String, String> values, List<String> given) {

        long whole(String option, long min, long max) {
            String value = values.get(option);
            try {
                long number = Long.parseLong(value.replace("_", ""));
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below, with the range
            }
            throw refused(option, "must be a whole number" + (min == Long.MIN_VALUE ? ""
                    : String.format(Locale.ROOT, " from %,d to %,d", min, max)) + ", not '" + value + "'");
        }

        double seconds(String option) {
            return decimal(option, MAX_SECONDS, "must be a number of seconds from 0 (no time limit) to %,d, not '%s'");
        }

        double dollars(String option) {
            return decimal(option, MAX_COST_CAP_USD,
                    "must be US dollars from 0 (mutation-service's default cap) to %,d, not '%s'");
        }

        /** A number from 0 to {@code max}, else refused with {@code rule} (formatted with max and the value). */
        double decimal(String option, int max, String rule) {
            String value = values.get(option);
            try {
                double number = Double.parseDouble(value);
                if (number >= 0 && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // refused below, with the range
            }
            throw refused(option, String.format(Locale.ROOT, rule, max, value));
        }

        String mutator(UnaryOperator<String> env) {
            String value = values.get("mutator");
            if (value.equals("auto")) {
                return blank(env.apply("OPENAI_API_KEY")) && blank(env.apply("OPENAI_BASE_URL")) ? "optimizer" : "llm";
            }
            if (!MUTATORS.contains(value)) {
                throw refused("mutator", "must be optimizer, random, llm, llm-chunk or hybrid, not '" + value + "'");
            }
            return value;
        }

        IllegalArgumentException refused(String option, String rule) {
            return new IllegalArgumentException("--" + option + " " + rule
                    + (given.contains("--" + option) ? "" : " (set in " + RunDefaults.SOURCE + ")"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
