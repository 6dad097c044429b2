package ai.darwin.local.cli;

import ai.darwin.events.run.RunConfig;
import ai.darwin.local.compare.CompareOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./darwin run} was asked for.
 *
 * @param name         the run's name
 * @param population   agents
 * @param generations  generations of mutation
 * @param maxTokens    token budget per variant (0: none)
 * @param maxSeconds   training seconds per variant (0: none)
 * @param dataset      a local text file or an http(s) URL
 * @param sha256       the dataset's expected SHA-256, if known
 * @param mutator      {@code offline} or {@code llm}
 * @param model        the LLM model, for the llm mutator
 * @param seeds        the most seed pairs the verification trains
 * @param seed         the run's master seed
 * @param fresh        start a new run even if an unfinished one exists
 * @param allowUnisolated train variants without bubblewrap's wall where it cannot run (the operator's explicit risk)
 */
record RunOptions(String name, int population, int generations, long maxTokens, double maxSeconds, String dataset,
                  String sha256, String mutator, String model, int seeds, long seed, boolean fresh,
                  boolean allowUnisolated) {

    /** tinyshakespeare as char-rnn published it; fetched once and checked against this digest. */
    static final String TINYSHAKESPEARE_URL =
            "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt";
    static final String TINYSHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";
    /**
     * The default budget: the same number of training tokens for every variant, so that val_bpb measures what a
     * program learns per token and a busy machine cannot move it; speed is measured on the same run, as an objective
     * of its own. It is {@code ./darwin compare}'s default too, so that a comparison measures what a run would. At
     * {@link #TOKENS_PER_SECOND_IN_A_RUN} that is 20 s of training per variant instead of the 25 s of the wall-clock
     * default, which pays for the controls and verification pairs a run now trains: the whole run takes about as long.
     */
    static final long DEFAULT_TOKENS = CompareOptions.DEFAULT_BUDGET_TOKENS;
    /**
     * The seed program's CPU preset during a default {@code ./darwin run} on this 2-core machine: 6,447-8,630 tokens/s
     * across seeds (issue 11), the services and broker running beside it. Alone on the idle machine it trains twice as
     * fast (bench/SandboxBench with the seed's preset, 25 s, three rounds: 14,488, 15,135 and 16,474 tokens/s), and
     * with other builds on the same cores it fell to 1,000-5,300: the estimate uses the run's own figure.
     */
    static final double TOKENS_PER_SECOND_IN_A_RUN = 7_500;
    /** The most seed pairs the verification trains by default: looks at 3 and 5 pairs. */
    static final int DEFAULT_SEEDS = 5;

    static RunOptions parse(List<String> args, Path repository) {
        boolean llm = !env("OPENAI_API_KEY").isEmpty() || !env("OPENAI_BASE_URL").isEmpty();
        String name = "local";
        int population = 4;
        int generations = 3;
        Long maxTokens = null;
        double maxSeconds = 0;
        String dataset = null;
        String sha256 = null;
        String mutator = llm ? "llm" : "offline";
        String model = env("OPENAI_MODEL").isEmpty() ? "gpt-4o-mini" : env("OPENAI_MODEL");
        int seeds = DEFAULT_SEEDS;
        long seed = 42;
        boolean fresh = false;
        boolean allowUnisolated = false;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (flag.equals("--new")) {
                fresh = true;
                continue;
            }
            if (flag.equals("--allow-unisolated")) {
                allowUnisolated = true;
                continue;
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--name" -> name = value;
                case "--population" -> population = Integer.parseInt(value);
                case "--generations" -> generations = Integer.parseInt(value);
                case "--budget-tokens" -> maxTokens = Long.parseLong(value);
                case "--budget-seconds" -> maxSeconds = Double.parseDouble(value);
                case "--dataset" -> dataset = value;
                case "--sha256" -> sha256 = value;
                case "--mutator" -> mutator = value;
                case "--model" -> model = value;
                case "--seeds" -> seeds = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
            }
        }
        if (dataset == null) {
            Path shared = repository.resolve("../shared/data/tinyshakespeare.txt").normalize();
            dataset = Files.exists(shared) ? shared.toString() : TINYSHAKESPEARE_URL;
            sha256 = TINYSHAKESPEARE_SHA256;
        }
        if (!mutator.equals("offline") && !mutator.startsWith("llm")) {
            throw new IllegalArgumentException("--mutator must be offline, llm or llm-chunk");
        }
        // a wall-clock budget asked for alone is the "best model in T seconds" style: no token limit beside it
        long tokens = maxTokens != null ? maxTokens : maxSeconds > 0 ? 0 : DEFAULT_TOKENS;
        return new RunOptions(name, population, generations, tokens, maxSeconds, dataset, sha256, mutator,
                mutator.equals("offline") ? null : model, seeds, seed, fresh, allowUnisolated);
    }

    /**
     * Variants the run trains at most: P mutations and the seed program as control per generation, two more seeds of
     * it for the noise floor, and up to 2 × seeds re-trainings to verify.
     */
    int variants() {
        return (population + 1) * generations + (RunConfig.DEFAULT_NOISE_FLOOR_SEEDS - 1) + 2 * seeds;
    }

    /** Seconds of training per variant: its time limit, or its tokens at the seed program's measured speed. */
    double trainingSeconds() {
        double byTokens = maxTokens > 0 ? maxTokens / TOKENS_PER_SECOND_IN_A_RUN : Double.MAX_VALUE;
        return Math.min(byTokens, maxSeconds > 0 ? maxSeconds : Double.MAX_VALUE);
    }

    static String usage() {
        return """
                usage: ./darwin run [--population 4] [--generations 3] [--budget-tokens %d | --budget-seconds S]
                                    [--dataset FILE|URL] [--sha256 HEX] [--mutator offline|llm|llm-chunk]
                                    [--model NAME] [--seeds %d] [--seed 42] [--name NAME] [--new]
                                    [--allow-unisolated]
                       ./darwin stop | status | report RUN_ID
                Every variant trains on the same number of tokens (--budget-tokens) unless --budget-seconds asks for a
                wall-clock budget instead (both: whichever comes first). --seeds is the most seed pairs the final
                verification trains. Without --new, an unfinished run is resumed. The llm mutator is the default
                when OPENAI_API_KEY or OPENAI_BASE_URL is set (any OpenAI-compatible server). Training runs each
                variant behind bubblewrap; --allow-unisolated trains without it where it cannot run (LLM-written code
                then runs with only the bytecode check between it and this machine).""".formatted(DEFAULT_TOKENS,
                DEFAULT_SEEDS);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }
}
