import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.harness.sandbox.ChildMain;
import ai.darwin.training.sandbox.Calibration;
import ai.darwin.training.sandbox.Cancellation;
import ai.darwin.training.sandbox.ChildEnvironment;
import ai.darwin.training.sandbox.Isolation;
import ai.darwin.training.sandbox.Overhead;
import ai.darwin.training.sandbox.Sandbox;
import ai.darwin.training.sandbox.SandboxClasspath;
import ai.darwin.training.sandbox.SandboxOutcome;
import ai.darwin.training.sandbox.SandboxRequest;
import ai.darwin.training.sandbox.SandboxSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Darwin side of bench/training-throughput.sh: the seed program, its CPU constants set to the benchmark's GPT,
 * trained through training-service's sandbox exactly as a worker runs a variant (a child JVM with the harness,
 * behind bubblewrap). Prints JSON lines: a fresh worker's calibration (once per worker: engine and the CPU's peak),
 * the timed training run, and the overhead of a few one-step variants (JVM start, compile, data, engine: what each
 * variant costs beyond its training and evaluation).
 *
 * <p>Arguments: corpus layers heads embd block batch seconds threads overheadRuns.
 */
public class SandboxBench {

    public static void main(String[] args) throws Exception {
        String corpus = args[0];
        int layers = Integer.parseInt(args[1]);
        int heads = Integer.parseInt(args[2]);
        int embd = Integer.parseInt(args[3]);
        int block = Integer.parseInt(args[4]);
        int batch = Integer.parseInt(args[5]);
        double seconds = Double.parseDouble(args[6]);
        int threads = Integer.parseInt(args[7]);
        int overheadRuns = Integer.parseInt(args[8]);
        String program = program(layers, heads, embd, block, batch);
        Path workRoot = Files.createTempDirectory("darwin-bench");
        Isolation.Decision isolation = Isolation.decide(Isolation.Mode.BWRAP, "bwrap", "prlimit", false,
                System.getenv().getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH), Optional.empty());
        if (isolation.refused()) {
            throw new IllegalStateException(isolation.refusal());
        }
        SandboxSettings settings = new SandboxSettings(SandboxSettings.currentJava(),
                SandboxClasspath.jars(SandboxClasspath.locate(Optional.of(Path.of("training-service/target",
                        SandboxClasspath.FOLDER)))), ChildMain.class.getName(), workRoot, 2L << 30, 512L << 20,
                8L << 30, Duration.ofMinutes(2), Duration.ofHours(1), threads, 1,
                Path.of(System.getProperty("user.home"), ".djl.ai"), List.of("PATH", "LANG"),
                isolation.containment(), false, 60);
        Sandbox sandbox = new Sandbox(settings, System.getenv());
        CorpusSource source = CorpusSource.of(Path.of(corpus).toAbsolutePath().toString());
        long stepTokens = (long) batch * block;

        long calibrationStart = System.nanoTime();
        Calibration.Result calibration = Calibration.run(settings, System.getenv(), Duration.ofMinutes(10));
        double peak = calibration.peakFlops();
        System.out.println(String.format(Locale.ROOT, "{\"run\":\"calibration\",\"seconds\":%.3f,"
                        + "\"engine_seconds\":%.3f,\"peak_flops\":%.4g}", (System.nanoTime() - calibrationStart) / 1e9,
                calibration.engineSeconds(), peak));

        SandboxOutcome.Completed timed = completed(sandbox.run(new SandboxRequest("bench-train", program,
                HarnessConfig.of(source, 0, seconds).withPreset("cpu").withPeakFlops(peak)), p -> { },
                new Cancellation()));
        print("train", timed, settings);

        List<Overhead> overheads = new ArrayList<>();
        for (int i = 0; i < overheadRuns; i++) {
            SandboxOutcome.Completed run = completed(sandbox.run(new SandboxRequest("bench-overhead-" + i, program,
                    HarnessConfig.of(source, stepTokens, 0).withPreset("cpu").withPeakFlops(peak)), p -> { },
                    new Cancellation()));
            overheads.add(run.overhead());
        }
        overheads.sort(Comparator.comparingDouble(Overhead::totalSeconds));
        Overhead median = overheads.get(overheads.size() / 2);
        System.out.println(String.format(Locale.ROOT, "{\"run\":\"overhead\",\"runs\":%d,\"jvm_start_seconds\":%.3f,"
                        + "\"compile_seconds\":%.3f,\"data_seconds\":%.3f,\"engine_seconds\":%.3f,"
                        + "\"total_seconds\":%.3f}", overheads.size(), median.jvmStartSeconds(),
                median.compileSeconds(), median.dataSeconds(), median.engineSeconds(), median.totalSeconds()));
    }

    /** The seed program with its CPU preset set to the benchmark's GPT, as a mutator would edit it. */
    static String program(int layers, int heads, int embd, int block, int batch) {
        String source = SeedProgram.source();
        String edited = source.replace("CPU_N_LAYER = 4;", "CPU_N_LAYER = " + layers + ";")
                .replace("CPU_N_HEAD = 4;", "CPU_N_HEAD = " + heads + ";")
                .replace("CPU_N_EMBD = 128;", "CPU_N_EMBD = " + embd + ";")
                .replace("CPU_BLOCK_SIZE = 64;", "CPU_BLOCK_SIZE = " + block + ";")
                .replace("CPU_BATCH_SIZE = 12;", "CPU_BATCH_SIZE = " + batch + ";");
        for (String constant : List.of("CPU_N_LAYER = " + layers + ";", "CPU_N_HEAD = " + heads + ";",
                "CPU_N_EMBD = " + embd + ";", "CPU_BLOCK_SIZE = " + block + ";", "CPU_BATCH_SIZE = " + batch + ";")) {
            if (!edited.contains(constant)) {
                throw new IllegalStateException("the seed program's CPU preset changed: cannot set " + constant);
            }
        }
        return edited;
    }

    static SandboxOutcome.Completed completed(SandboxOutcome outcome) {
        if (outcome instanceof SandboxOutcome.Completed completed) {
            return completed;
        }
        throw new IllegalStateException("the benchmark variant did not complete: " + outcome);
    }

    static void print(String run, SandboxOutcome.Completed outcome, SandboxSettings settings) {
        var m = outcome.metrics();
        Overhead o = outcome.overhead();
        System.out.println(String.format(Locale.ROOT, "{\"run\":\"%s\",\"tokens\":%d,\"train_seconds\":%.3f,"
                        + "\"tokens_per_second\":%.1f,\"steps\":%d,\"final_loss\":%.4f,\"val_bpb\":%.4f,"
                        + "\"mfu\":%.4f,\"peak_flops\":%.4g,\"threads\":%d,\"isolated\":%b,"
                        + "\"jvm_start_seconds\":%.3f,\"compile_seconds\":%.3f,\"data_seconds\":%.3f,"
                        + "\"engine_seconds\":%.3f,\"overhead_seconds\":%.3f}", run, m.tokensTrained(),
                m.trainSeconds(), m.tokensPerSecond(), m.steps(), m.finalTrainLoss(), m.valBitsPerByte(), m.mfu(),
                m.peakFlops(), settings.threads(), settings.containment().isolated(), o.jvmStartSeconds(),
                o.compileSeconds(), o.dataSeconds(), o.engineSeconds(), o.totalSeconds()));
    }
}
