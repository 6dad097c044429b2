package ai.darwin.memory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** memory-service settings. */
@ConfigMapping(prefix = "darwin.memory")
public interface MemoryConfig {

    /** The MongoDB database memory-service owns. */
    @WithDefault("darwin-memory")
    String database();

    /** The most events one REST answer lists. */
    @WithDefault("1000")
    int maxPageSize();

    /**
     * Completed runs older than this many days are deleted by the retention job, each deletion logged and kept in
     * the {@code retention_log} collection (GET /retention). 0 keeps everything forever.
     */
    @WithDefault("0")
    int retentionDays();
}
