package ai.darwin.mutation.config;

import ai.darwin.mutation.validation.ImportPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** mutation-service's settings ({@code darwin.mutation.*}); each can come from the environment. */
@ConfigMapping(prefix = "darwin.mutation")
public interface MutationConfig {

    /** Proposals of a generation produced at once (mutator, validation and repairs). */
    @WithDefault("4")
    int concurrency();

    /** How often a failed proposal goes back to its mutator with the diagnostics before the parent is carried forward. */
    @WithName("repair-attempts")
    @WithDefault("2")
    int repairAttempts();

    /**
     * The mutator of runs whose configuration this service has not seen: {@code auto} (the LLM when one is configured,
     * else {@code optimizer}), {@code optimizer}, {@code random}, {@code llm}, {@code llm-chunk} or {@code hybrid}
     * (the optimizer proposes, the LLM accepts or overrides). A run's own {@code mutator} wins.
     */
    @WithName("default-mutator")
    @WithDefault("auto")
    String defaultMutator();

    /** Cost cap in USD for runs that set none (0: none); a run's own {@code costCapUsd} wins. */
    @WithName("cost-cap-usd")
    @WithDefault("0")
    double costCapUsd();

    /**
     * What a program may import without a human's approval ({@link ImportPolicy} reads the entries: {@code pkg.*}
     * the package's classes, {@code pkg.} with subpackages, or one class): the harness's bytecode allow-list
     * (training-harness {@code ApiRules}), so that an import the harness would refuse is refused here first.
     */
    @WithName("allowed-imports")
    @WithDefault(ImportPolicy.STANDARD_ALLOWED)
    List<String> allowedImports();

    /** Classes and packages inside the allowed imports that no program may import: the bytecode check's carve-outs. */
    @WithName("forbidden-imports")
    @WithDefault(ImportPolicy.STANDARD_FORBIDDEN)
    List<String> forbiddenImports();

    /** How long generations wait for the topic read-back (runs, approvals, published variants) after a start. */
    @WithName("read-back-timeout")
    @WithDefault("PT30S")
    Duration readBackTimeout();

    /** Whether to read back runs, approvals and published variants from the topics at start (off only in tests). */
    @WithName("read-back")
    @WithDefault("true")
    boolean readBack();

    Llm llm();

    /** Price per model name, for the cost estimate; models without a price cost 0 (local servers). */
    Map<String, Price> prices();

    Lessons lessons();

    Chunk chunk();

    /** The OpenAI-compatible LLM. */
    interface Llm {

        /** Base URL including {@code /v1}; empty for OpenAI's. Falls back to OPENAI_BASE_URL. */
        @WithName("base-url")
        Optional<String> baseUrl();

        /** API key; never logged. Falls back to OPENAI_API_KEY. */
        @WithName("api-key")
        Optional<String> apiKey();

        /** The model of runs that name none. */
        @WithDefault("gpt-4o-mini")
        String model();

        @WithDefault("0.8")
        double temperature();

        /** Timeout of one request (the SDK retries timeouts). */
        @WithDefault("PT3M")
        Duration timeout();

        /** Retries of a failed request (429, 5xx, timeouts), with the SDK's backoff. */
        @WithName("max-retries")
        @WithDefault("2")
        int maxRetries();

        /** Requests in flight at once, across generations (a local server may take only one). */
        @WithDefault("4")
        int concurrency();

        /** Upper bound of tokens per answer (a whole-file rewrite of the seed is about 5,000); 0: the server's own. */
        @WithName("max-completion-tokens")
        @WithDefault("0")
        int maxCompletionTokens();

        /**
         * Send the answer's JSON schema as {@code response_format} (structured outputs); turn off for servers
         * that reject it, the prompt asks for the same JSON.
         */
        @WithName("structured-outputs")
        @WithDefault("true")
        boolean structuredOutputs();
    }

    /** A model's price in USD per million tokens. */
    interface Price {

        @WithName("input-per-mtok")
        double inputPerMtok();

        @WithName("output-per-mtok")
        double outputPerMtok();
    }

    /** Where lessons (which changes helped or hurt) come from. */
    interface Lessons {

        /** {@code memory} (memory-service's lessons for the run) or {@code none}. */
        @WithDefault("memory")
        String source();

        /** memory-service's base URL. */
        @WithDefault("http://127.0.0.1:8084")
        String url();

        /** The most characters of lessons one prompt carries. */
        @WithDefault("1500")
        int maxChars();

        /**
         * Lessons also from the other runs with the run's dataset and preset, not only from the run itself: more
         * variants per kind of change, from programs that trained alike.
         */
        @WithName("across-runs")
        @WithDefault("false")
        boolean acrossRuns();

        /** The most attempts a prompt lists, of the run's latest and again of the parent's lineage. */
        @WithDefault("8")
        int attempts();

        /** The most of the run's best programs a prompt shows as inspirations. */
        @WithDefault("3")
        int top();
    }

    /** DARWIN's chunk mode ({@code llm-chunk}). */
    interface Chunk {

        /** Probability that each chunk (imports, fields, a method) is rewritten. */
        @WithDefault("0.3")
        double probability();
    }
}
