package ai.darwin.hitl.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** hitl-service settings. */
@ConfigMapping(prefix = "darwin.hitl")
public interface HitlConfig {

    /** The MongoDB database hitl-service owns: approval requests and the dashboard's views. */
    @WithDefault("darwin-hitl")
    String database();

    /** The most characters of a variant's reasoning, failure message and failure tail the dashboard keeps. */
    @WithDefault("8000")
    int reasoningChars();

    /**
     * The most characters of a variant's program and of its diff the dashboard keeps: a seed program is about 12,000,
     * so this holds whole programs while one absurd proposal cannot fill the store. A program of several files keeps
     * its entry file within this, and its other files share another budget of this size.
     */
    @WithDefault("200000")
    int programChars();

    /**
     * The most learning-curve points kept per variant: a worker reports every few seconds, so a five-minute budget
     * gives about a hundred, and a curve on a laptop screen has no room for more than a few hundred.
     */
    @WithDefault("500")
    int curvePoints();
}
