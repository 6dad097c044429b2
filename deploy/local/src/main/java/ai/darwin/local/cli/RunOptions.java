package ai.darwin.local.cli;

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
 * @param maxSeconds   training seconds per variant
 * @param dataset      a local text file or an http(s) URL
 * @param sha256       the dataset's expected SHA-256, if known
 * @param mutator      {@code offline} or {@code llm}
 * @param model        the LLM model, for the llm mutator
 * @param seeds        verification seeds k
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

    static RunOptions parse(List<String> args, Path repository) {
        boolean llm = !env("OPENAI_API_KEY").isEmpty() || !env("OPENAI_BASE_URL").isEmpty();
        String name = "local";
        int population = 4;
        int generations = 3;
        long maxTokens = 0;
        double maxSeconds = 25;
        String dataset = null;
        String sha256 = null;
        String mutator = llm ? "llm" : "offline";
        String model = env("OPENAI_MODEL").isEmpty() ? "gpt-4o-mini" : env("OPENAI_MODEL");
        int seeds = 3;
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
        return new RunOptions(name, population, generations, maxTokens, maxSeconds, dataset, sha256, mutator,
                mutator.equals("offline") ? null : model, seeds, seed, fresh, allowUnisolated);
    }

    /** Variants the run will train: the baseline, P per generation, and 2k re-trainings to verify. */
    int variants() {
        return 1 + population * generations + 2 * seeds;
    }

    static String usage() {
        return """
                usage: ./darwin run [--population 4] [--generations 3] [--budget-seconds 25] [--budget-tokens 0]
                                    [--dataset FILE|URL] [--sha256 HEX] [--mutator offline|llm|llm-chunk]
                                    [--model NAME] [--seeds 3] [--seed 42] [--name NAME] [--new]
                                    [--allow-unisolated]
                       ./darwin stop | status | report RUN_ID
                Without --new, an unfinished run is resumed. The llm mutator is the default when OPENAI_API_KEY or
                OPENAI_BASE_URL is set (any OpenAI-compatible server). Training runs each variant behind bubblewrap;
                --allow-unisolated trains without it where it cannot run (LLM-written code then runs with only the
                bytecode check between it and this machine).""";
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }
}
