package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.Failures;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.HarnessRunner;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ProgramSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The child JVM's entry point: runs one program in a working directory and writes its report there.
 *
 * <p>The program compiles with the import catalogue entries listed in {@value ChildGrants#FILE}, if any.
 *
 * <p>Its first act, before it reads anything or loads any program code, is to create {@value #STARTED}: a parent
 * that finds no such file knows the JVM itself never got going (an infrastructure fault), and one that finds it
 * knows any later end without a result happened while untrusted code was loaded.
 *
 * <p>Reads {@value #PROGRAM} (the entry file's source), the program's other files under {@value #FILES} (a tree
 * the worker wrote from paths it checked), and {@value #CONFIG} ({@link ChildConfig}); appends each progress report
 * to {@value #PROGRESS} as a JSON line while training (at most ten a second, so that a chatty program cannot fill
 * the disk); finally writes {@value #RESULT} ({@link ReportJson}, plus a
 * {@code child} object with the JVM's and main's start as epoch milliseconds) atomically. It exits 0 whenever it
 * wrote a result, failed runs included; a parent that finds no result file after the child ended classifies the run
 * itself (killed for time or memory).
 *
 * <p>With {@value #EXIT_WITH_PARENT} it halts as soon as its standard input reaches end of file, which happens
 * when the parent that holds the other end dies, however it died: a killed worker leaves no training behind.
 */
public final class ChildMain {

    public static final String PROGRAM = "program.java";
    /** The folder of a program's other files, each at its path ({@code model/Gpt.java}); absent for a single file. */
    public static final String FILES = "program-files";
    public static final String CONFIG = "config.properties";
    public static final String PROGRESS = "progress.jsonl";
    public static final String RESULT = "result.json";
    /** Created before anything else, so that the parent can tell a JVM that never started from one that did. */
    public static final String STARTED = "started";
    /** The exit status when not even the started marker or the result could be written. */
    public static final int CANNOT_WRITE = 1;
    /** The option that ties the child's life to its parent's through standard input. */
    public static final String EXIT_WITH_PARENT = "--exit-with-parent";
    /** The exit status when the parent went away. */
    public static final int PARENT_GONE = 70;
    /** At most one progress line per this interval reaches the file, however often a program reports. */
    static final long PROGRESS_FILE_INTERVAL_NANOS = 100_000_000L;

    private ChildMain() {
    }

    /** @param args the working directory (default: the current directory), optionally {@value #EXIT_WITH_PARENT} */
    public static void main(String[] args) {
        long mainStarted = System.currentTimeMillis();
        List<String> directories = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(EXIT_WITH_PARENT)) {
                exitWithParent(System.in);
            } else {
                directories.add(arg);
            }
        }
        Path workDir = Path.of(directories.isEmpty() ? "." : directories.get(0));
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("jvmStartMillis", ManagementFactory.getRuntimeMXBean().getStartTime());
        child.put("mainStartMillis", mainStarted);
        System.exit(run(workDir, Map.of("child", child)));
    }

    /** @return the exit status: 0 when a result was written, 1 when even that failed */
    public static int run(Path workDir) {
        return run(workDir, Map.of());
    }

    private static int run(Path workDir, Map<String, Object> extra) {
        try {
            Files.writeString(workDir.resolve(STARTED), "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            e.printStackTrace();
            return CANNOT_WRITE;
        }
        ResultWriter result = new ResultWriter(workDir, extra);
        HarnessReport report;
        try (Writer progress = Files.newBufferedWriter(workDir.resolve(PROGRESS), StandardCharsets.UTF_8)) {
            ProgramSource source = readProgram(workDir);
            HarnessConfig config = ChildConfig.read(workDir.resolve(CONFIG));
            ApiGrants grants;
            try {
                grants = ChildGrants.read(workDir);
            } catch (IllegalArgumentException e) {
                return result.writeOnce(refused(e)) ? 0 : CANNOT_WRITE;
            }
            long[] lastWritten = {System.nanoTime() - PROGRESS_FILE_INTERVAL_NANOS};
            report = HarnessRunner.runSource(source, grants, config, point -> {
                long now = System.nanoTime();
                if (now - lastWritten[0] >= PROGRESS_FILE_INTERVAL_NANOS) {
                    lastWritten[0] = now;
                    append(progress, point);
                }
            }, timedOut -> {
                // the program's code is still running past its phase's limit, perhaps in native code: report the
                // timeout and end the JVM rather than wait for code that may never return
                result.writeOnce(timedOut);
                Runtime.getRuntime().halt(0);
            });
        } catch (IOException | RuntimeException e) {
            report = new HarnessReport(null, null, 0, Double.NaN, List.of(), new HarnessReport.Failure(
                    FailureClass.INFRASTRUCTURE, "the child could not read its inputs: " + e, Failures.detail(e)));
        }
        return result.writeOnce(report) ? 0 : CANNOT_WRITE;
    }

    /** The entry file and the files under {@value #FILES}, by their '/'-separated paths below it. */
    static ProgramSource readProgram(Path workDir) throws IOException {
        String entry = Files.readString(workDir.resolve(PROGRAM), StandardCharsets.UTF_8);
        Path root = workDir.resolve(FILES);
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                    String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    files.put(path, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return new ProgramSource(entry, files);
    }

    /** A grant from outside the import catalogue: the program is not compiled at all. */
    private static HarnessReport refused(IllegalArgumentException grant) {
        return new HarnessReport(null, null, 0, Double.NaN, List.of(), new HarnessReport.Failure(
                FailureClass.FORBIDDEN_API, "the run's grants are refused: " + grant.getMessage(), ""));
    }

    /** Writes the one result file atomically, whichever of the harness and the phase watch gets there first. */
    private static final class ResultWriter {

        private final Path workDir;
        private final Map<String, Object> extra;
        private final AtomicBoolean taken = new AtomicBoolean();
        private volatile boolean written;

        ResultWriter(Path workDir, Map<String, Object> extra) {
            this.workDir = workDir;
            this.extra = extra;
        }

        /** @return whether the result file holds a report (this one or the one written first) */
        boolean writeOnce(HarnessReport report) {
            if (!taken.compareAndSet(false, true)) {
                return true;
            }
            try {
                Path temporary = workDir.resolve(RESULT + ".tmp");
                Files.writeString(temporary, ReportJson.write(report, extra), StandardCharsets.UTF_8);
                Files.move(temporary, workDir.resolve(RESULT), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                written = true;
            } catch (IOException e) {
                e.printStackTrace();
            }
            return written;
        }
    }

    /** Halts the JVM once {@code parent} ends; nothing else ever reads standard input here. */
    static void exitWithParent(InputStream parent) {
        Thread watcher = new Thread(() -> {
            try {
                while (parent.read() >= 0) {
                    // the parent writes nothing: any byte is ignored, only the end matters
                }
            } catch (IOException e) {
                // a broken pipe is a gone parent too
            }
            Runtime.getRuntime().halt(PARENT_GONE);
        }, "darwin-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Progress is informational: failing to record it must not fail the program. */
    private static void append(Writer progress, ProgressPoint point) {
        try {
            progress.write(ReportJson.write(point));
            progress.write('\n');
            progress.flush();
        } catch (IOException e) {
            System.err.println("cannot write " + PROGRESS + ": " + e);
        }
    }
}
