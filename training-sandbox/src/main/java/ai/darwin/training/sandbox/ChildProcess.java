package ai.darwin.training.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running child JVM and its launchers (prlimit and bubblewrap exec or wait for it). Its standard input stays open
 * for as long as this process lives (the child halts when it closes, see ChildMain's --exit-with-parent); its
 * output goes to a log file in its working directory, so that no pipe can fill and block it.
 */
final class ChildProcess {

    private final Process process;

    private ChildProcess(Process process) {
        this.process = process;
    }

    static ChildProcess start(List<String> command, Map<String, String> environment, Path directory, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new ChildProcess(builder.start());
    }

    /** @return whether it ended within the wait */
    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * @return the resident memory (VmRSS) of it and everything it started, in bytes: behind bubblewrap the JVM is
     *         a grandchild, and the launcher's own memory is a rounding error
     */
    long residentBytes() {
        long total = residentBytes(status(process.pid()));
        for (ProcessHandle descendant : process.descendants().toList()) {
            total += residentBytes(status(descendant.pid()));
        }
        return total;
    }

    private static Path status(long pid) {
        return Path.of("/proc", Long.toString(pid), "status");
    }

    static long residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc: nothing to measure
        }
        return 0;
    }

    /** Kills it and anything it started, and waits until it is gone. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
