package ai.darwin.training.harness.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident memory (heap and native), from Linux's VmHWM. */
public final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {
    }

    /** @return the resident-set high-water mark in bytes, or 0 where /proc is not available */
    public static long bytes() {
        try {
            return parseVmHwm(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long parseVmHwm(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] fields = line.substring("VmHWM:".length()).trim().split("\\s+");
                return Long.parseLong(fields[0]) * 1024;
            }
        }
        return 0;
    }
}
