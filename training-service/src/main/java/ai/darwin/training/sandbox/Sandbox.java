package ai.darwin.training.sandbox;

import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.sandbox.ChildConfig;
import ai.darwin.training.harness.sandbox.ChildMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one program in a child JVM and classifies how it ended. The child gets a private working directory (deleted
 * afterwards), the classpath of {@link SandboxClasspath} only, the environment of {@link ChildEnvironment} only, a
 * heap and direct-memory cap, and, where possible, no network. This process watches it: past its resident-memory
 * limit it is killed as OUT_OF_MEMORY, past its wall-clock limit as TIMEOUT. Whatever happens, {@link #run} returns
 * an outcome and never throws.
 */
public final class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    static final String LOG_FILE = "child.log";
    static final String CRASH_FILE = "hs_err.log";
    /** How often the child's memory, clock and progress are checked. */
    static final long WATCH_MILLIS = 100;
    /** A program may print (System.out is allowed), but not fill the worker's disk. */
    static final long MAX_LOG_BYTES = 64L * 1024 * 1024;

    private final SandboxSettings settings;
    private final Map<String, String> parentEnvironment;

    /**
     * @param settings          how children are made
     * @param parentEnvironment this process's environment, from which the child gets only the allowed variables
     */
    public Sandbox(SandboxSettings settings, Map<String, String> parentEnvironment) {
        this.settings = settings;
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    /**
     * Runs a program to its end, its limit or its cancellation.
     *
     * @param request      the program and its harness configuration
     * @param progress     sees each progress point the program reports, on the calling thread
     * @param cancellation checked while the child runs
     * @return how it ended
     */
    public SandboxOutcome run(SandboxRequest request, Consumer<ProgressPoint> progress, Cancellation cancellation) {
        long started = System.nanoTime();
        Path dir = null;
        try {
            dir = privateDirectory(request.label());
            return watch(request, dir, progress, cancellation, started);
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "sandbox failed around %s", request.label());
            return new SandboxOutcome.Failed(FailureClass.INFRASTRUCTURE, "the worker could not run the child JVM: "
                    + e, "", seconds(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SandboxOutcome.Cancelled("interrupted");
        } finally {
            if (dir != null && !settings.keepWorkDirs()) {
                delete(dir);
            }
        }
    }

    private SandboxOutcome watch(SandboxRequest request, Path dir, Consumer<ProgressPoint> progress,
                                 Cancellation cancellation, long started) throws IOException, InterruptedException {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.writeString(dir.resolve(ChildMain.PROGRAM), request.source(), StandardCharsets.UTF_8);
        ChildConfig.write(request.config(), dir.resolve(ChildMain.CONFIG));
        Path log = dir.resolve(LOG_FILE);
        Duration limit = settings.wallClockLimit(request.config().maxSeconds());
        long spawnMillis = System.currentTimeMillis();
        long spawnNanos = System.nanoTime();
        ChildProcess child = ChildProcess.start(command(dir, home, tmp), ChildEnvironment.of(parentEnvironment,
                settings.passEnvironment(), home, tmp, settings.djlCacheDir(), settings.threads()), dir, log);
        ProgressTail tail = new ProgressTail(dir.resolve(ChildMain.PROGRESS));
        String killedFor = null;
        FailureClass killedAs = null;
        long peakResident = 0;
        try {
            while (!child.waitFor(WATCH_MILLIS)) {
                tail.poll(progress);
                long resident = child.residentBytes();
                peakResident = Math.max(peakResident, resident);
                if (resident > settings.memoryLimitBytes()) {
                    killedAs = FailureClass.OUT_OF_MEMORY;
                    killedFor = "the child used " + mib(resident) + " MiB of memory (heap and native), past the "
                            + "worker's limit of " + mib(settings.memoryLimitBytes()) + " MiB, and was killed";
                } else if (System.nanoTime() - spawnNanos > limit.toNanos()) {
                    killedAs = FailureClass.TIMEOUT;
                    killedFor = timeoutMessage(request.config().maxSeconds(), limit);
                } else if (Files.size(log) > MAX_LOG_BYTES) {
                    killedAs = FailureClass.CONTRACT_VIOLATION;
                    killedFor = "the program printed more than " + mib(MAX_LOG_BYTES) + " MiB and was killed";
                } else if (cancellation.requested()) {
                    killedFor = cancellation.reason();
                }
                if (killedFor != null) {
                    child.kill();
                    break;
                }
            }
        } finally {
            if (killedFor == null && isAlive(child)) {
                child.kill();
            }
        }
        tail.poll(progress);
        double wallSeconds = (System.nanoTime() - spawnNanos) / 1e9;
        if (killedFor != null && killedAs == null) {
            return new SandboxOutcome.Cancelled(killedFor);
        }
        String output = LogTail.of(log, settings.logTailLines());
        if (killedAs != null) {
            LOG.infof("%s: %s", request.label(), killedFor);
            return new SandboxOutcome.Failed(killedAs, killedFor, output, wallSeconds);
        }
        Path result = dir.resolve(ChildMain.RESULT);
        if (!Files.exists(result)) {
            return crashed(child.exitValue(), output, dir, wallSeconds);
        }
        ResultFile report;
        try {
            report = ResultFile.read(result);
        } catch (IOException e) {
            return new SandboxOutcome.Failed(FailureClass.INFRASTRUCTURE, "the child's result could not be read: "
                    + e.getMessage(), output, wallSeconds);
        }
        if (!report.succeeded()) {
            return new SandboxOutcome.Failed(report.failureClass(), report.message(),
                    LogTail.withDetail(output, report.detail()), wallSeconds);
        }
        double jvmStart = report.mainStartMillis() > 0 ? Math.max(0, (report.mainStartMillis() - spawnMillis) / 1e3)
                : 0;
        Overhead overhead = new Overhead(jvmStart, report.compileSeconds(), report.dataSeconds(),
                report.engineSeconds(), Math.max(0, wallSeconds - report.trainSeconds() - report.evaluationSeconds()));
        TrainingMetrics m = report.metrics();
        // the event's total is the whole child, JVM start and exit included, not only what the harness timed
        TrainingMetrics metrics = new TrainingMetrics(m.valLoss(), m.valBitsPerByte(), m.perplexity(),
                m.finalTrainLoss(), m.tokensTrained(), m.steps(), m.tokensPerSecond(), m.parameters(),
                m.flopsPerToken(), m.peakFlops(), m.mfu(), Math.max(m.peakMemoryBytes(), peakResident),
                m.trainSeconds(), wallSeconds, m.device());
        return new SandboxOutcome.Completed(metrics, report.architecture(), overhead);
    }

    List<String> command(Path dir, Path home, Path tmp) {
        List<String> command = new ArrayList<>(settings.launcherPrefix());
        command.addAll(List.of(settings.java().toString(),
                "-Xmx" + settings.heapBytes(),
                "-XX:MaxDirectMemorySize=" + settings.maxDirectMemoryBytes(),
                // one GC thread and no shared perf-data file outside the private directory
                "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-XX:ErrorFile=" + dir.resolve(CRASH_FILE),
                "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home,
                "-DDJL_CACHE_DIR=" + settings.djlCacheDir(), "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + settings.threads(),
                "-Dai.djl.pytorch.num_interop_threads=" + settings.interopThreads(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // the CPU build of libtorch has no CUDA: DJL's probe for GPUs warns about it on every start
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-cp", settings.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                ChildMain.class.getName(), dir.toString(), ChildMain.EXIT_WITH_PARENT));
        return command;
    }

    /** A child that ended without a result and without being killed here. */
    static SandboxOutcome crashed(int exitValue, String output, Path dir, double wallSeconds) {
        if (output.contains("Could not find or load main class") || output.contains("Error occurred during "
                + "initialization of VM") || output.contains("Could not create the Java Virtual Machine")) {
            return new SandboxOutcome.Failed(FailureClass.INFRASTRUCTURE, "the child JVM did not start (exit status "
                    + exitValue + ")", output, wallSeconds);
        }
        if (output.contains("java.lang.OutOfMemoryError") || output.contains("insufficient memory for the Java "
                + "Runtime") || output.contains("Cannot allocate memory") || exitValue == 128 + 9) {
            return new SandboxOutcome.Failed(FailureClass.OUT_OF_MEMORY, "the child JVM ran out of memory and died "
                    + "(exit status " + exitValue + ")", output, wallSeconds);
        }
        if (Files.exists(dir.resolve(CRASH_FILE))) {
            return new SandboxOutcome.Failed(FailureClass.RUNTIME_EXCEPTION, "the child JVM crashed in native code "
                    + "(exit status " + exitValue + ")", LogTail.withDetail(output,
                    LogTail.of(dir.resolve(CRASH_FILE), 40)), wallSeconds);
        }
        return new SandboxOutcome.Failed(FailureClass.RUNTIME_EXCEPTION, "the child JVM exited with status "
                + exitValue + " before the harness wrote a result", output, wallSeconds);
    }

    private static String timeoutMessage(double maxSeconds, Duration limit) {
        double seconds = limit.toMillis() / 1000.0;
        if (maxSeconds > 0) {
            return "the child ran past its wall-clock limit of " + seconds + " s (a training budget of " + maxSeconds
                    + " s plus the worker's grace for compiling, starting and evaluating) and was killed; poll "
                    + "budget().exhausted() before each step";
        }
        return "the child ran past the worker's wall-clock limit of " + seconds + " s and was killed; poll "
                + "budget().exhausted() before each step";
    }

    private Path privateDirectory(String label) throws IOException {
        Files.createDirectories(settings.workRoot());
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return Files.createTempDirectory(settings.workRoot(), safe.substring(0, Math.min(safe.length(), 80)) + "-");
    }

    private static boolean isAlive(ChildProcess child) {
        try {
            return !child.waitFor(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot delete %s: %s", dir, e.toString());
        }
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
