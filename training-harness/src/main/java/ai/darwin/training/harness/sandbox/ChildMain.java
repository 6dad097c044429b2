package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.Failures;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.HarnessReport;
import ai.darwin.training.harness.HarnessRunner;
import ai.darwin.training.harness.ProgressPoint;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The child JVM's entry point: runs one program in a working directory and writes its report there.
 *
 * <p>Reads {@value #PROGRAM} (the source) and {@value #CONFIG} ({@link ChildConfig}); appends each progress report
 * to {@value #PROGRESS} as a JSON line while training; finally writes {@value #RESULT} ({@link ReportJson})
 * atomically. It exits 0 whenever it wrote a result, failed runs included; a parent that finds no result file
 * after the child ended classifies the run itself (killed for time or memory).
 */
public final class ChildMain {

    public static final String PROGRAM = "program.java";
    public static final String CONFIG = "config.properties";
    public static final String PROGRESS = "progress.jsonl";
    public static final String RESULT = "result.json";

    private ChildMain() {
    }

    /** @param args the working directory (default: the current directory) */
    public static void main(String[] args) {
        System.exit(run(Path.of(args.length > 0 ? args[0] : ".")));
    }

    /** @return the exit status: 0 when a result was written, 1 when even that failed */
    public static int run(Path workDir) {
        HarnessReport report;
        try (Writer progress = Files.newBufferedWriter(workDir.resolve(PROGRESS), StandardCharsets.UTF_8)) {
            String source = Files.readString(workDir.resolve(PROGRAM), StandardCharsets.UTF_8);
            HarnessConfig config = ChildConfig.read(workDir.resolve(CONFIG));
            report = HarnessRunner.runSource(source, config, point -> append(progress, point));
        } catch (IOException | RuntimeException e) {
            report = new HarnessReport(null, null, 0, Double.NaN, List.of(), new HarnessReport.Failure(
                    FailureClass.INFRASTRUCTURE, "the child could not read its inputs: " + e, Failures.detail(e)));
        }
        try {
            Path temporary = workDir.resolve(RESULT + ".tmp");
            Files.writeString(temporary, ReportJson.write(report), StandardCharsets.UTF_8);
            Files.move(temporary, workDir.resolve(RESULT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return 0;
        } catch (IOException e) {
            e.printStackTrace();
            return 1;
        }
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
