package ai.darwin.local.compare;

import ai.darwin.training.harness.sandbox.ChildMain;
import ai.darwin.training.sandbox.ChildEnvironment;
import ai.darwin.training.sandbox.Isolation;
import ai.darwin.training.sandbox.SandboxClasspath;
import ai.darwin.training.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training sandbox as a worker on this machine would have it, for {@code ./darwin compare}: the same child JVM,
 * classpath, bubblewrap wall and limits as training-service's defaults, one child at a time on all cores.
 */
final class LocalSandbox {

    /** training-service's defaults (TrainingConfig): heap, direct memory, resident limit, grace. */
    static final long HEAP_BYTES = 2L << 30;
    static final long DIRECT_BYTES = 512L << 20;
    static final long MEMORY_LIMIT_BYTES = 8L << 30;
    static final Duration GRACE = Duration.ofMinutes(2);
    /** A token budget has no time limit of its own: no run of a comparison may take longer than this. */
    static final Duration MAX_WALL_CLOCK = Duration.ofMinutes(30);
    static final List<String> PASS_ENVIRONMENT = List.of("PATH", "LANG", "LC_ALL", "TZ", "CUDA_VISIBLE_DEVICES",
            "NVIDIA_VISIBLE_DEVICES", "LD_LIBRARY_PATH");

    private LocalSandbox() {
    }

    /**
     * @param repository      the checkout, whose training-service build holds the child's jars
     * @param home            Darwin's local state folder
     * @param allowUnisolated run without bubblewrap where it cannot run
     * @return the decision: settings to run children with, or the refusal
     */
    static Isolation.Decision isolation(Map<String, String> environment, boolean allowUnisolated) {
        return Isolation.decide(Isolation.Mode.BWRAP, "bwrap", "prlimit", allowUnisolated,
                environment.getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH), Optional.empty());
    }

    static SandboxSettings settings(Path repository, Path home, Map<String, String> environment,
                                    Isolation.Decision isolation) {
        Path libDir = SandboxClasspath.locate(Optional.of(repository.resolve("training-service/target")
                .resolve(SandboxClasspath.FOLDER)));
        Path djlCache = environment.containsKey("DJL_CACHE_DIR") ? Path.of(environment.get("DJL_CACHE_DIR"))
                : Path.of(System.getProperty("user.home"), ".djl.ai");
        return new SandboxSettings(SandboxSettings.currentJava(), SandboxClasspath.jars(libDir),
                ChildMain.class.getName(), home.resolve("compare-work").toAbsolutePath(), HEAP_BYTES, DIRECT_BYTES,
                MEMORY_LIMIT_BYTES, GRACE, MAX_WALL_CLOCK, Runtime.getRuntime().availableProcessors(), 1,
                djlCache.toAbsolutePath(), PASS_ENVIRONMENT, isolation.containment(), false, 60);
    }
}
