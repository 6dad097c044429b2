package ai.darwin.training.config;

import ai.darwin.training.sandbox.Isolation;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** training-service settings; each can also come from the environment, e.g. {@code DARWIN_TRAINING_CONCURRENCY}. */
@ConfigMapping(prefix = "darwin.training")
public interface TrainingConfig {

    /** This worker's id in the events it publishes; default: the host name and process id. */
    Optional<String> workerId();

    /**
     * How many variants this worker trains at once: 1 on a GPU; more only on a CPU with cores to spare (each child
     * gets {@code cores / concurrency} threads unless {@code sandbox.threads} says otherwise).
     */
    @WithDefault("1")
    int concurrency();

    /** How often a TrainingProgress is published for a variant in training (when it reported something new). */
    @WithDefault("PT2S")
    Duration progressInterval();

    /**
     * Peak FLOP/s for MFU. Unset: the worker's calibration child finds it before the first variant (a GPU's from
     * the harness's table, a CPU's fp32 matmul peak measured), and every variant is scored against that one figure.
     */
    OptionalDouble peakFlops();

    /** The harness preset ({@code cpu} or {@code gpu}); unset: chosen by the device the child finds. */
    Optional<String> preset();

    /** The longest a worker waits to learn which variants already have results before it trains one anyway. */
    @WithDefault("PT30S")
    Duration ledgerCatchUpTimeout();

    /** The child JVM each variant runs in. */
    Sandbox sandbox();

    interface Sandbox {

        /** The folder of jars that make the child's classpath; unset: the nearest {@code sandbox-lib} folder. */
        Optional<Path> libDir();

        /** Where each attempt's private working directory is made (and deleted); unset: {@code tmp/darwin-training}. */
        Optional<Path> workRoot();

        /** The child's heap limit (-Xmx). */
        @WithDefault("2g")
        MemorySize heap();

        /** The child's limit on direct NIO buffers (-XX:MaxDirectMemorySize). */
        @WithDefault("512m")
        MemorySize maxDirectMemory();

        /** The child is killed, as OUT_OF_MEMORY, when its resident memory (heap and native, VmRSS) exceeds this. */
        @WithDefault("8g")
        MemorySize memoryLimit();

        /** A child is killed, as TIMEOUT, this long after its time budget (compile, engine start and evaluation). */
        @WithDefault("PT2M")
        Duration timeoutGrace();

        /** The wall-clock limit of a child whose budget has no time limit, or a longer one. */
        @WithDefault("PT2H")
        Duration maxWallClock();

        /** libtorch's intra-op threads (and OMP/MKL's); unset: this machine's cores divided by the concurrency. */
        OptionalInt threads();

        /** libtorch's inter-op threads. */
        @WithDefault("1")
        int interopThreads();

        /** DJL's cache, where libtorch is extracted once; unset: {@code ~/.djl.ai} of the user running the worker. */
        Optional<Path> djlCacheDir();

        /**
         * Variables of the worker's environment a child may see; names that look like secrets (KEY, SECRET, TOKEN,
         * PASSWORD, CREDENTIAL) and the worker's OpenTelemetry settings (OTEL_*) are never passed, whatever this says.
         */
        @WithDefault("PATH,LANG,LC_ALL,TZ,CUDA_VISIBLE_DEVICES,NVIDIA_VISIBLE_DEVICES,LD_LIBRARY_PATH")
        List<String> passEnvironment();

        /**
         * The OS-level wall around each child: {@code bwrap} (bubblewrap: its own user, network, mount, pid, IPC and
         * UTS namespaces, a read-only view of what it needs, only its private directory writable) or {@code none}.
         * A worker that cannot isolate refuses untrusted code unless {@link #allowUnisolated()} says otherwise.
         */
        @WithDefault("bwrap")
        Isolation.Mode isolation();

        /**
         * Run variants without the OS-level wall when isolation is {@code none} or bubblewrap cannot run here
         * (missing, or denied as by Docker's default seccomp profile): the bytecode check and the resource limits
         * are then all that stands between a program and this worker's files, network and environment.
         */
        @WithDefault("false")
        boolean allowUnisolated();

        /** The bubblewrap executable: a name looked up on the PATH, or a path. */
        @WithDefault("bwrap")
        String bwrap();

        /** util-linux's prlimit, which sets each child's rlimits (file size, open files, core dumps, CPU time). */
        @WithDefault("prlimit")
        String prlimit();

        /**
         * Put each child in a cgroup v2 of its own with a memory and a process limit where this process may create
         * one (a writable, delegated cgroup v2 hierarchy); rlimits and the worker's own watch apply either way.
         */
        @WithDefault("true")
        boolean cgroups();

        /** How long the worker's calibration child (engine start, libtorch extraction, peak measurement) may take. */
        @WithDefault("PT10M")
        Duration calibrationTimeout();

        /** Keep each attempt's working directory for debugging instead of deleting it. */
        @WithDefault("false")
        boolean keepWorkDirs();

        /** How many lines of the child's output a TrainingFailed carries. */
        @WithDefault("60")
        int logTailLines();
    }
}
