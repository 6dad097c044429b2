package ai.darwin.training.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child's rlimits, set by util-linux's prlimit before anything of the child runs and inherited by all it starts.
 * Only limits a JVM lives with: address space and data size are left alone (HotSpot and libtorch reserve far more
 * virtual memory than they use; the worker watches resident memory instead), and so is the process count, which
 * the kernel counts per user across the whole machine, worker included.
 *
 * @param fileSizeBytes the largest file the child may write: a print flood stops there, between two of the
 *                      worker's checks, instead of filling the disk (HotSpot ignores SIGXFSZ, so writes past it
 *                      fail with EFBIG)
 * @param cpuSeconds    CPU time: a backstop the wall-clock limit always reaches first, for a watch that stalled
 * @param openFiles     open file descriptors
 */
record Rlimits(long fileSizeBytes, long cpuSeconds, int openFiles) {

    /** Enough for the JVM, DJL's jars and libtorch; far below what a descriptor-exhausting program would want. */
    static final int OPEN_FILES = 4096;

    /** @return prlimit's arguments, soft and hard limit alike, up to the {@code --} before the command */
    List<String> prlimitArgs(Path prlimit) {
        return List.of(prlimit.toString(), "--fsize=" + fileSizeBytes, "--nofile=" + openFiles, "--core=0",
                "--cpu=" + cpuSeconds, "--");
    }

    /**
     * @param wallClockSeconds the child's wall-clock limit
     * @return limits for a child whose largest file may be {@code fileSizeBytes}
     */
    static Rlimits of(long fileSizeBytes, double wallClockSeconds) {
        long cpu = (long) Math.ceil(wallClockSeconds) * Runtime.getRuntime().availableProcessors() + 60;
        return new Rlimits(fileSizeBytes, cpu, (int) Math.min(OPEN_FILES, hardOpenFiles(Path.of("/proc/self/limits"))));
    }

    /** An unprivileged worker cannot raise a hard limit: never ask for more descriptors than it may have. */
    static long hardOpenFiles(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String hard = line.substring("Max open files".length()).trim().split("\\s+")[1];
                    return hard.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(hard);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask for the default
        }
        return OPEN_FILES;
    }
}
