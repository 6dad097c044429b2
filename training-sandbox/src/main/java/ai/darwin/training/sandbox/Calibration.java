package ai.darwin.training.sandbox;

import ai.darwin.platform.text.BoundedText;
import ai.darwin.training.harness.sandbox.CalibrationMain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the harness's trusted calibration child ({@link CalibrationMain}) once, at a worker's start, through the same
 * launcher, wall and limits as a variant but with DJL's cache writable: it extracts libtorch where that has not
 * happened yet (variants get the cache read-only) and finds the peak FLOP/s that every variant's MFU divides by.
 */
public final class Calibration {

    /** libtorch's extraction writes files of hundreds of MB (a CUDA build: GBs); the variants' limit is far lower. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Calibration() {
    }

    /**
     * What the calibration found.
     *
     * @param device        {@code cpu} or the GPU's name
     * @param peakFlops     the CPU's measured peak FLOP/s; 0 on a GPU, whose peak the harness takes from its table for
     *                      the element type each variant trains in
     * @param engineSeconds how long the engine took to load (with libtorch's extraction on a fresh machine)
     */
    public record Result(String device, double peakFlops, double engineSeconds) {
    }

    /**
     * @param settings          the worker's sandbox settings
     * @param parentEnvironment the worker's environment, of which the child gets only the allow-list
     * @param timeout           how long it may take
     * @throws IOException with the reason and the child's output when it does not calibrate
     */
    public static Result run(SandboxSettings settings, Map<String, String> parentEnvironment, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.djlCacheDir());
        Path dir = Sandbox.privateDirectory(settings.workRoot(), "calibration");
        try {
            ChildLaunch launch = new ChildLaunch(CalibrationMain.class.getName(), dir, List.of(), true,
                    Rlimits.of(MAX_FILE_BYTES, timeout.toMillis() / 1000.0));
            Files.createDirectory(launch.home());
            Files.createDirectory(launch.tmp());
            Path log = dir.resolve(Sandbox.LOG_FILE);
            ChildProcess child = ChildProcess.start(launch.command(settings, Optional.empty()),
                    ChildEnvironment.of(parentEnvironment, settings.passEnvironment(), launch.home(), launch.tmp(),
                            settings.djlCacheDir(), settings.threads()), dir, log);
            try {
                if (!child.waitFor(timeout.toMillis())) {
                    throw new IOException("the calibration child did not finish within " + timeout.toSeconds()
                            + " s: " + LogTail.of(log, 20));
                }
            } finally {
                if (Sandbox.isAlive(child)) {
                    child.kill();
                }
            }
            Path result = dir.resolve(CalibrationMain.RESULT);
            if (child.exitValue() != 0 || !Files.isRegularFile(result)) {
                throw new IOException("the calibration child failed (exit status " + child.exitValue() + "): "
                        + LogTail.of(log, 20));
            }
            return parse(Files.readString(result));
        } finally {
            if (!settings.keepWorkDirs()) {
                Sandbox.delete(dir);
            }
        }
    }

    static Result parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        double peak = root.path("peakFlops").asDouble(-1);
        if (!root.path("device").isTextual() || !(peak >= 0) || Double.isInfinite(peak)) {
            throw new IOException("the calibration child wrote no device and peak: " + BoundedText.head(json, 500));
        }
        return new Result(root.path("device").asText(), peak, root.path("engineSeconds").asDouble());
    }
}
