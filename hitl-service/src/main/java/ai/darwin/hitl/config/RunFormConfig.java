package ai.darwin.hitl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * What the dashboard's run form offers and fills in: an operator starts a run from the page with these values unless
 * they change them. The defaults are {@code ./darwin run}'s (deploy/local's {@code run-defaults.properties}), except
 * the corpus, which here must be one a worker may fetch: the local copy ./darwin uses is a path on one machine.
 */
@ConfigMapping(prefix = "darwin.hitl.run-form")
public interface RunFormConfig {

    /** The corpora the form offers, the first selected; one the dataset allow-list refuses is not offered. */
    @WithDefault("https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt")
    List<String> datasets();

    /** The mutators the form offers ({@code RunConfig.mutator}), the first selected. */
    @WithDefault("optimizer,random,llm,llm-chunk,hybrid")
    List<String> mutators();

    /** Agents, P. */
    @WithDefault("4")
    int population();

    /** Generations of mutation, G. */
    @WithDefault("3")
    int generations();

    /** Training tokens of every variant (no time limit: val_bpb then measures learning per token). */
    @WithDefault("150000")
    long maxTokens();

    /** No more LLM calls once the run has cost this many US dollars. */
    @WithDefault("5")
    double costCapUsd();

    /** The most seed pairs the verification trains. */
    @WithDefault("5")
    int verificationSeeds();

    /** The seed program's preset: {@code cpu} or {@code gpu}. */
    @WithDefault("cpu")
    String preset();

    /** The LLM, for the llm mutators and hybrid. */
    @WithDefault("gpt-4o-mini")
    String model();
}
