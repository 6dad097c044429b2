package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.metrics.PeakFlops;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A worker's trusted calibration child: no program, only the harness's own code. A worker runs it once, before its
 * first variant, with DJL's cache writable (variants get it read-only): it loads the engine, which extracts libtorch
 * on a fresh machine, and finds the peak FLOP/s that every variant's MFU divides by, a GPU's from the table and a
 * CPU's fp32 matmul rate measured here while no variant competes for the cores. No scored run measures it again.
 *
 * <p>Writes {@value #RESULT}: {@code {"device": "cpu", "peakFlops": 1.0E11, "engineSeconds": 1.2}} (a GPU's name as
 * the device; peakFlops 0 for a GPU the table does not know), atomically. Exits 0 when it wrote it, else 1.
 */
public final class CalibrationMain {

    public static final String RESULT = "calibration.json";

    private CalibrationMain() {
    }

    /** @param args the working directory, optionally {@value ChildMain#EXIT_WITH_PARENT} */
    public static void main(String[] args) {
        Path workDir = Path.of(".");
        for (String arg : args) {
            if (arg.equals(ChildMain.EXIT_WITH_PARENT)) {
                ChildMain.exitWithParent(System.in);
            } else {
                workDir = Path.of(arg);
            }
        }
        System.exit(run(workDir));
    }

    /** @return the exit status: 0 when the calibration was written */
    public static int run(Path workDir) {
        long start = System.nanoTime();
        try {
            Engine engine = Engine.getInstance();
            boolean gpu = engine.getGpuCount() > 0;
            String device = gpu ? Objects.requireNonNullElse(PeakFlops.gpuName(), "gpu") : "cpu";
            double engineSeconds = (System.nanoTime() - start) / 1e9;
            // a GPU's peak depends on the type a model trains in: 0 leaves it to the harness's table, per variant
            double peak = gpu ? 0 : PeakFlops.measuredCpu();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("device", device);
            result.put("peakFlops", peak);
            result.put("engineSeconds", engineSeconds);
            Path temporary = workDir.resolve(RESULT + ".tmp");
            Files.writeString(temporary, Json.write(result), StandardCharsets.UTF_8);
            Files.move(temporary, workDir.resolve(RESULT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return 0;
        } catch (IOException | RuntimeException | LinkageError e) {
            e.printStackTrace();
            return ChildMain.CANNOT_WRITE;
        }
    }
}
