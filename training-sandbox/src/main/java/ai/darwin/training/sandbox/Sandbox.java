package ai.darwin.training.sandbox;

import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.compile.ImportCatalogue;
import ai.darwin.training.harness.data.ExtraSource;
import ai.darwin.training.harness.sandbox.ChildConfig;
import ai.darwin.training.harness.sandbox.ChildGrants;
import ai.darwin.training.harness.sandbox.ChildMain;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one program in a child JVM and classifies how it ended. The child gets a private working directory (deleted
 * afterwards), the classpath of {@link SandboxClasspath} only, the environment of {@link ChildEnvironment} only, a
 * heap and direct-memory cap, rlimits, and the OS-level wall of its {@link Containment}: its own namespaces, no
 * network, and a file system that shows it the JDK, its jars, DJL's cache and its corpus read-only and nothing but
 * its private directory writable. This process watches it: past its resident-memory limit it is killed as
 * OUT_OF_MEMORY, past its wall-clock limit as TIMEOUT, past its output limit as CONTRACT_VIOLATION; how it ended is
 * decided from facts ({@link ChildEnd}), never from what it printed. Whatever happens, {@link #run} returns an
 * outcome and never throws.
 */
public final class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    static final String LOG_FILE = "child.log";
    /** How often the child's memory, clock and progress are checked. */
    static final long WATCH_MILLIS = 100;
    /**
     * A program may print (System.out is allowed), but not fill the worker's disk: no file of the child may grow
     * past this (an rlimit), and output that reaches it ends the run.
     */
    static final long MAX_LOG_BYTES = 64L * 1024 * 1024;

    private final SandboxSettings settings;
    private final Map<String, String> parentEnvironment;
    private final SanityGates gates = new SanityGates();

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
    /** @return how its children are made */
    public SandboxSettings settings() {
        return settings;
    }

    public SandboxOutcome run(SandboxRequest request, Consumer<ProgressPoint> progress, Cancellation cancellation) {
        long started = System.nanoTime();
        try {
            ImportCatalogue.standard().grants(request.grantedImports());
        } catch (IllegalArgumentException e) {
            // an event that grants more than the catalogue holds was forged or corrupted: nothing of it runs
            return new SandboxOutcome.Failed(FailureClass.FORBIDDEN_API, "the variant's grantedImports are refused: "
                    + e.getMessage(), "", seconds(started));
        }
        List<String> layout = ProgramFiles.problems(request.source(), request.files());
        if (!layout.isEmpty()) {
            // the worker's part of the layout rules: caps and paths, before a file is written or a child started
            return new SandboxOutcome.Failed(FailureClass.CONTRACT_VIOLATION, "the program's files are refused: "
                    + String.join("; ", layout), "", seconds(started));
        }
        Path dir = null;
        try {
            dir = privateDirectory(settings.workRoot(), request.label());
            return watch(request, dir, progress, cancellation);
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
                                 Cancellation cancellation) throws IOException, InterruptedException {
        Duration limit = settings.wallClockLimit(request.config().maxSeconds());
        ChildLaunch launch = new ChildLaunch(settings.mainClass(), dir, inputs(request),
                false, Rlimits.of(MAX_LOG_BYTES, limit.toMillis() / 1000.0));
        Files.createDirectory(launch.home());
        Files.createDirectory(launch.tmp());
        Files.writeString(dir.resolve(ChildMain.PROGRAM), request.source(), StandardCharsets.UTF_8);
        ProgramFolder.write(dir.resolve(ChildMain.FILES), request.files());
        ChildConfig.write(request.config(), dir.resolve(ChildMain.CONFIG));
        ChildGrants.write(request.grantedImports(), dir);
        Path log = dir.resolve(LOG_FILE);
        Path marker = dir.resolve(ChildMain.STARTED);
        Optional<Cgroups.Child> cgroup = cgroup(request.label());
        try {
            long spawnMillis = System.currentTimeMillis();
            long spawnNanos = System.nanoTime();
            ChildProcess child = ChildProcess.start(launch.command(settings, cgroup.map(Cgroups.Child::procs)),
                    ChildEnvironment.of(parentEnvironment, settings.passEnvironment(), launch.home(), launch.tmp(),
                            settings.djlCacheDir(), settings.threads()), dir, log);
            ProgressTail tail = new ProgressTail(dir.resolve(ChildMain.PROGRESS));
            // a fact once seen: the program cannot take it back by deleting the file later
            boolean startedSeen = false;
            String killedFor = null;
            FailureClass killedAs = null;
            long peakResident = 0;
            try {
                while (!child.waitFor(WATCH_MILLIS)) {
                    startedSeen = startedSeen || Files.exists(marker);
                    tail.poll(progress);
                    long resident = child.residentBytes();
                    peakResident = Math.max(peakResident, resident);
                    if (resident > settings.memoryLimitBytes()) {
                        killedAs = FailureClass.OUT_OF_MEMORY;
                        killedFor = "the child used " + mib(resident) + " MiB of memory (heap and native), past "
                                + "the worker's limit of " + mib(settings.memoryLimitBytes()) + " MiB, and was killed";
                    } else if (System.nanoTime() - spawnNanos > limit.toNanos()) {
                        killedAs = FailureClass.TIMEOUT;
                        killedFor = timeoutMessage(request.config().maxSeconds(), limit);
                    } else if (Files.size(log) >= MAX_LOG_BYTES) {
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
            ChildEnd end = new ChildEnd(startedSeen || Files.exists(marker), child.exitValue(), killedAs, killedFor,
                    Files.exists(log) && Files.size(log) >= MAX_LOG_BYTES,
                    cgroup.map(Cgroups.Child::oomKilled).orElse(false),
                    Files.exists(dir.resolve(ChildLaunch.CRASH_FILE)));
            return outcome(request, dir, end, wallSeconds, spawnMillis, peakResident);
        } finally {
            cgroup.ifPresent(Cgroups.Child::close);
        }
    }

    private SandboxOutcome outcome(SandboxRequest request, Path dir, ChildEnd end, double wallSeconds,
                                   long spawnMillis, long peakResident) {
        String output = LogTail.of(dir.resolve(LOG_FILE), settings.logTailLines());
        Optional<ChildEnd.Verdict> decided = end.beforeResult();
        if (decided.isPresent()) {
            LOG.infof("%s: %s", request.label(), decided.get().message());
            return failed(decided.get(), output, wallSeconds);
        }
        ResultFile report;
        try {
            report = ResultFile.read(dir.resolve(ChildMain.RESULT));
        } catch (IOException | RuntimeException e) {
            ChildEnd.Verdict verdict = end.withoutResult();
            String crash = end.crashReport() ? LogTail.of(dir.resolve(ChildLaunch.CRASH_FILE), 40) : "";
            return new SandboxOutcome.Failed(verdict.failureClass(), verdict.message(),
                    LogTail.withDetail(output, crash), wallSeconds);
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
        return new SandboxOutcome.Completed(metrics, report.architecture(), overhead,
                gates.check(report.integrityFlags(), metrics, request.config()));
    }

    private static SandboxOutcome.Failed failed(ChildEnd.Verdict verdict, String output, double wallSeconds) {
        return new SandboxOutcome.Failed(verdict.failureClass(), verdict.message(), output, wallSeconds);
    }

    /** @return the corpora that are local files: the only data a child reads besides its own directory */
    private static List<Path> inputs(SandboxRequest request) {
        return Stream.concat(Stream.of(request.config().corpus()),
                        request.config().extraCorpora().stream().map(ExtraSource::source))
                .flatMap(corpus -> localFile(corpus.uri()).stream()).toList();
    }

    private static Optional<Path> localFile(String uri) {
        try {
            Path path = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
            return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Cgroups.Child> cgroup(String label) {
        Optional<Cgroups> cgroups = settings.containment().cgroups();
        if (cgroups.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cgroups.get().create(label, settings.memoryLimitBytes()));
        } catch (IOException e) {
            LOG.warnf("no cgroup for %s (rlimits and the watch still apply): %s", label, e.toString());
            return Optional.empty();
        }
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

    static Path privateDirectory(Path workRoot, String label) throws IOException {
        Files.createDirectories(workRoot);
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
        return Files.createTempDirectory(workRoot, safe.substring(0, Math.min(safe.length(), 80)) + "-");
    }

    static boolean isAlive(ChildProcess child) {
        try {
            return !child.waitFor(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static void delete(Path dir) {
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
