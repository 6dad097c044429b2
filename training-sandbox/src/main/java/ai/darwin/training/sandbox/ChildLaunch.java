package ai.darwin.training.sandbox;

import ai.darwin.training.harness.sandbox.ChildMain;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The command line of one child JVM: its containment (cgroup, rlimits, bubblewrap) around java with the heap caps,
 * and with the options that let the worker classify the child's end from facts rather than from its output: the
 * crash report goes where the worker asked for it, and an OutOfMemoryError ends the JVM with {@link #OOM_EXIT}.
 *
 * @param mainClass     the entry point, run as {@code mainClass DIR --exit-with-parent}
 * @param dir           the private working directory (with {@code home/} and {@code tmp/} made in it)
 * @param inputs        files the child reads and nothing else may give it (the corpus), bound read-only
 * @param cacheWritable whether DJL's cache is writable: only for the worker's own calibration child
 * @param limits        its rlimits
 */
record ChildLaunch(String mainClass, Path dir, List<Path> inputs, boolean cacheWritable, Rlimits limits) {

    /** The exit status HotSpot ends with under {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OOM_EXIT = 3;
    static final String CRASH_FILE = "hs_err.log";
    private static final Map<Path, List<Path>> JDK_PATHS = new ConcurrentHashMap<>();

    ChildLaunch {
        inputs = List.copyOf(inputs);
    }

    Path home() {
        return dir.resolve("home");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    /** @param cgroup the child's own cgroup's {@code cgroup.procs}, when it has one */
    List<String> command(SandboxSettings settings, Optional<Path> cgroup) {
        List<Path> readOnly = new ArrayList<>(jdk(settings.java()));
        readOnly.addAll(settings.classpath());
        readOnly.addAll(inputs);
        List<Path> writable = new ArrayList<>(List.of(dir));
        (cacheWritable ? writable : readOnly).add(settings.djlCacheDir());
        ChildMounts mounts = new ChildMounts(readOnly, writable, dir);
        return settings.containment().wrap(java(settings), mounts, limits, cgroup);
    }

    private List<String> java(SandboxSettings settings) {
        return List.of(settings.java().toString(),
                "-Xmx" + settings.heapBytes(),
                "-XX:MaxDirectMemorySize=" + settings.maxDirectMemoryBytes(),
                // one GC thread and no shared perf-data file outside the private directory
                "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-XX:ErrorFile=" + dir.resolve(CRASH_FILE),
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + tmp(), "-Duser.home=" + home(),
                "-DDJL_CACHE_DIR=" + settings.djlCacheDir(), "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + settings.threads(),
                "-Dai.djl.pytorch.num_interop_threads=" + settings.interopThreads(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // the CPU build of libtorch has no CUDA: DJL's probe for GPUs warns about it on every start
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", settings.classpath().stream().map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)),
                mainClass, dir.toString(), ChildMain.EXIT_WITH_PARENT);
    }

    /**
     * @return the JDK's home and what its symlinks point to outside it (Debian's JDK keeps its configuration in
     *         {@code /etc/java-17-openjdk} and its CA certificates in {@code /etc/ssl/certs/java})
     */
    static List<Path> jdk(Path java) {
        Path home = java.toAbsolutePath().getParent().getParent();
        return JDK_PATHS.computeIfAbsent(home, ChildLaunch::jdkPaths);
    }

    private static List<Path> jdkPaths(Path home) {
        List<Path> paths = new ArrayList<>(List.of(home));
        try {
            Path real = home.toRealPath();
            paths.add(real);
            try (Stream<Path> files = Files.walk(real, 4)) {
                files.filter(Files::isSymbolicLink).map(ChildLaunch::target).flatMap(Optional::stream)
                        .filter(target -> !target.startsWith(real)).forEach(paths::add);
            }
        } catch (IOException | RuntimeException e) {
            // a JDK that cannot be walked is bound as it is; a child that then fails to start is INFRASTRUCTURE
        }
        return paths.stream().distinct().toList();
    }

    private static Optional<Path> target(Path link) {
        try {
            return Optional.of(link.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
