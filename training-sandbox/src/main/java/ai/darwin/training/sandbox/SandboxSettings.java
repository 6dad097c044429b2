package ai.darwin.training.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a child JVM is made and watched, resolved from the service's configuration (or written out by a test).
 *
 * @param java                 the {@code java} launcher of this JDK
 * @param classpath            the child's whole classpath: SDK, harness, DJL and an SLF4J binding
 * @param mainClass            the child's entry point: the harness's ChildMain (a test swaps in a hostile one)
 * @param workRoot             where private working directories are made
 * @param heapBytes            -Xmx
 * @param maxDirectMemoryBytes -XX:MaxDirectMemorySize
 * @param memoryLimitBytes     resident memory past which the child is killed as OUT_OF_MEMORY
 * @param timeoutGrace         time allowed past the time budget before the child is killed as TIMEOUT
 * @param maxWallClock         the wall-clock limit when the budget has no (or a longer) time limit
 * @param threads              libtorch intra-op threads, and OMP/MKL threads
 * @param interopThreads       libtorch inter-op threads
 * @param djlCacheDir          where DJL finds the extracted libtorch
 * @param passEnvironment      names of the worker's environment variables a child may see
 * @param containment          the OS-level wall and limits around every child
 * @param keepWorkDirs         keep working directories after the run
 * @param logTailLines         lines of child output kept for a failure's log tail
 */
public record SandboxSettings(Path java, List<Path> classpath, String mainClass, Path workRoot, long heapBytes,
                              long maxDirectMemoryBytes, long memoryLimitBytes, Duration timeoutGrace,
                              Duration maxWallClock, int threads, int interopThreads, Path djlCacheDir,
                              List<String> passEnvironment, Containment containment, boolean keepWorkDirs,
                              int logTailLines) {

    public SandboxSettings {
        Objects.requireNonNull(java, "java");
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(workRoot, "workRoot");
        Objects.requireNonNull(timeoutGrace, "timeoutGrace");
        Objects.requireNonNull(maxWallClock, "maxWallClock");
        Objects.requireNonNull(djlCacheDir, "djlCacheDir");
        passEnvironment = List.copyOf(passEnvironment);
        Objects.requireNonNull(containment, "containment");
        if (classpath.isEmpty() || heapBytes <= 0 || maxDirectMemoryBytes <= 0 || memoryLimitBytes <= 0
                || threads < 1 || interopThreads < 1 || logTailLines < 1) {
            throw new IllegalArgumentException("sandbox settings need a classpath, positive memory limits, "
                    + "threads and log lines");
        }
    }

    /** The java launcher of the JDK running this process. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public SandboxSettings withMemory(long newHeapBytes, long newMemoryLimitBytes) {
        return new SandboxSettings(java, classpath, mainClass, workRoot, newHeapBytes, maxDirectMemoryBytes,
                newMemoryLimitBytes, timeoutGrace, maxWallClock, threads, interopThreads, djlCacheDir,
                passEnvironment, containment, keepWorkDirs, logTailLines);
    }

    public SandboxSettings withTimeouts(Duration newGrace, Duration newMaxWallClock) {
        return new SandboxSettings(java, classpath, mainClass, workRoot, heapBytes, maxDirectMemoryBytes,
                memoryLimitBytes, newGrace, newMaxWallClock, threads, interopThreads, djlCacheDir, passEnvironment,
                containment, keepWorkDirs, logTailLines);
    }

    /** The same settings around another wall (tests: the same child without bubblewrap, or with a missing one). */
    public SandboxSettings withContainment(Containment newContainment) {
        return new SandboxSettings(java, classpath, mainClass, workRoot, heapBytes, maxDirectMemoryBytes,
                memoryLimitBytes, timeoutGrace, maxWallClock, threads, interopThreads, djlCacheDir, passEnvironment,
                newContainment, keepWorkDirs, logTailLines);
    }

    /**
     * Another entry point with more on its classpath, run through the same launcher, wall and limits as a training
     * child: only tests use it, to attack the OS-level wall with code the bytecode check would never let through.
     */
    public SandboxSettings withMainClass(String newMainClass, List<Path> extraClasspath) {
        List<Path> wider = new ArrayList<>(classpath);
        wider.addAll(extraClasspath);
        return new SandboxSettings(java, wider, newMainClass, workRoot, heapBytes, maxDirectMemoryBytes,
                memoryLimitBytes, timeoutGrace, maxWallClock, threads, interopThreads, djlCacheDir, passEnvironment,
                containment, keepWorkDirs, logTailLines);
    }

    /**
     * @param maxSeconds the budget's time limit, 0 for none
     * @return how long the child may run, from its start to its exit
     */
    public Duration wallClockLimit(double maxSeconds) {
        if (maxSeconds <= 0) {
            return maxWallClock;
        }
        Duration budgeted = Duration.ofMillis((long) Math.ceil(maxSeconds * 1000)).plus(timeoutGrace);
        return budgeted.compareTo(maxWallClock) < 0 ? budgeted : maxWallClock;
    }
}
