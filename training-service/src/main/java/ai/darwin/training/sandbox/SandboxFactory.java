package ai.darwin.training.sandbox;

import ai.darwin.training.config.TrainingConfig;
import java.nio.file.Path;
import java.util.Map;

/** Resolves the service's configuration into {@link SandboxSettings}. */
public final class SandboxFactory {

    private SandboxFactory() {
    }

    public static SandboxSettings settings(TrainingConfig config, Map<String, String> environment) {
        TrainingConfig.Sandbox sandbox = config.sandbox();
        Path libDir = SandboxClasspath.locate(sandbox.libDir());
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = sandbox.threads().orElse(Math.max(1, cores / Math.max(1, config.concurrency())));
        Path djlCache = sandbox.djlCacheDir().orElseGet(() -> environment.containsKey("DJL_CACHE_DIR")
                ? Path.of(environment.get("DJL_CACHE_DIR")) : Path.of(System.getProperty("user.home"), ".djl.ai"));
        return new SandboxSettings(SandboxSettings.currentJava(), SandboxClasspath.jars(libDir), workRoot(config),
                sandbox.heap().asLongValue(), sandbox.maxDirectMemory().asLongValue(),
                sandbox.memoryLimit().asLongValue(), sandbox.timeoutGrace(), sandbox.maxWallClock(), threads,
                sandbox.interopThreads(), djlCache.toAbsolutePath(), sandbox.passEnvironment(),
                NetworkIsolation.launcherPrefix(sandbox.networkIsolation()), sandbox.keepWorkDirs(),
                sandbox.logTailLines());
    }

    public static Path workRoot(TrainingConfig config) {
        return config.sandbox().workRoot()
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "darwin-training"))
                .toAbsolutePath();
    }
}
