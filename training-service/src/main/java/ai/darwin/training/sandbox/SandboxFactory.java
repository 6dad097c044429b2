package ai.darwin.training.sandbox;

import ai.darwin.training.config.TrainingConfig;
import ai.darwin.training.harness.sandbox.ChildMain;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Resolves the service's configuration into an {@link Isolation.Decision} and {@link SandboxSettings}. */
public final class SandboxFactory {

    private static final Logger LOG = Logger.getLogger(SandboxFactory.class);

    private SandboxFactory() {
    }

    /** Decides the children's wall; sets up per-child cgroups only for a worker that will run children. */
    public static Isolation.Decision isolation(TrainingConfig config, Map<String, String> environment) {
        TrainingConfig.Sandbox sandbox = config.sandbox();
        Isolation.Decision decision = Isolation.decide(sandbox.isolation(), sandbox.bwrap(), sandbox.prlimit(),
                sandbox.allowUnisolated(), environment.getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH),
                Optional.empty());
        if (decision.refused() || !config.sandbox().cgroups()) {
            return decision;
        }
        Cgroups.Setup cgroups = Cgroups.setUp(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
        if (cgroups.cgroups().isEmpty()) {
            LOG.infof("no per-child cgroup limits (%s); rlimits and the worker's memory watch apply",
                    cgroups.reason());
            return decision;
        }
        Containment containment = decision.containment();
        return new Isolation.Decision(new Containment(containment.bwrap(), containment.prlimit(),
                cgroups.cgroups()), null, decision.warning());
    }

    public static SandboxSettings settings(TrainingConfig config, Map<String, String> environment,
                                           Containment containment) {
        TrainingConfig.Sandbox sandbox = config.sandbox();
        Path libDir = SandboxClasspath.locate(sandbox.libDir());
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = sandbox.threads().orElse(Math.max(1, cores / Math.max(1, config.concurrency())));
        Path djlCache = sandbox.djlCacheDir().orElseGet(() -> environment.containsKey("DJL_CACHE_DIR")
                ? Path.of(environment.get("DJL_CACHE_DIR")) : Path.of(System.getProperty("user.home"), ".djl.ai"));
        return new SandboxSettings(SandboxSettings.currentJava(), SandboxClasspath.jars(libDir),
                ChildMain.class.getName(), workRoot(config), sandbox.heap().asLongValue(),
                sandbox.maxDirectMemory().asLongValue(), sandbox.memoryLimit().asLongValue(), sandbox.timeoutGrace(),
                sandbox.maxWallClock(), threads, sandbox.interopThreads(), djlCache.toAbsolutePath(),
                sandbox.passEnvironment(), containment, sandbox.keepWorkDirs(), sandbox.logTailLines());
    }

    public static Path workRoot(TrainingConfig config) {
        return config.sandbox().workRoot()
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "darwin-training"))
                .toAbsolutePath();
    }
}
