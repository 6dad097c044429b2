package ai.darwin.selection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** selection-service settings. */
@ConfigMapping(prefix = "darwin.selection")
public interface SelectionConfig {

    /** The MongoDB database selection-service owns (run state, proposals, results). */
    @WithDefault("darwin-selection")
    String database();

    /** The seed program every run starts from: {@code classpath:<resource>} or a file path. */
    @WithDefault("classpath:programs/SeedGpt.java")
    String seedProgram();

    /** A generation never gets less time than this before stragglers count as timeouts. */
    @WithDefault("PT2M")
    Duration deadlineMinimum();

    /** Time allowed per variant beyond its training budget (compile, start, evaluation, queueing). */
    @WithDefault("PT30S")
    Duration deadlineOverheadPerVariant();

    /** How many variants train at once across the training consumer group, for the deadline estimate. */
    @WithDefault("1")
    int trainingWorkers();

    /**
     * The slowest training throughput (tokens/s) a variant is expected to reach, for the deadline of a token budget;
     * the deadline's factor doubles the time it gives. The seed program's CPU preset trains 6,400-8,600 tokens/s on
     * two cores in a local run and about 15,000 alone, 2,300 while the local stack was still starting and down to
     * 1,000 with other builds on the same cores: a quarter of a run's usual leaves room for slower variants.
     */
    @WithDefault("2000")
    double slowestTokensPerSecond();

    /**
     * The most a generation stays open past its deadline while a runtime repair is due or training (0: not at all).
     * The extension itself is the time one more variant needs by the same estimate as the deadline (at least the
     * minimum), so that a failure found late still gets its repair trained; this caps it, so that a run never waits
     * without bound for a repair that does not come.
     */
    @WithDefault("PT15M")
    Duration repairExtensionMaximum();

    /** Safety factor on the estimated training time of a generation. */
    @WithDefault("2.0")
    double deadlineFactor();

    /**
     * After a start, deadlines wait this long so the consumers can first read the results that arrived while the
     * service was down.
     */
    @WithDefault("PT15S")
    Duration startupGrace();
}
