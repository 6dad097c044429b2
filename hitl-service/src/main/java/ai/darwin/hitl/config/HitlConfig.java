package ai.darwin.hitl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** hitl-service settings. */
@ConfigMapping(prefix = "darwin.hitl")
public interface HitlConfig {

    /** The MongoDB database hitl-service owns: approval requests and the dashboard's views. */
    @WithDefault("darwin-hitl")
    String database();

    /** The most characters of a variant's reasoning the dashboard keeps (sources and diffs are not kept at all). */
    @WithDefault("600")
    int reasoningChars();
}
