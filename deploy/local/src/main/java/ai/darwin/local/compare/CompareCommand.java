package ai.darwin.local.compare;

import ai.darwin.local.cli.Datasets;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.sandbox.Calibration;
import ai.darwin.training.sandbox.Cancellation;
import ai.darwin.training.sandbox.Isolation;
import ai.darwin.training.sandbox.Sandbox;
import ai.darwin.training.sandbox.SandboxRequest;
import ai.darwin.training.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./darwin compare A.java B.java}: whether B trains better than A, with the sandbox, harness and statistics a
 * run uses, and no broker or service. Exit status 0 when B is significantly better, 1 when it is not, 2 on error.
 */
public final class CompareCommand {

    public static final int BETTER = 0;
    public static final int NOT_BETTER = 1;
    public static final int ERROR = 2;
    static final Duration CALIBRATION_TIMEOUT = Duration.ofMinutes(5);

    private CompareCommand() {
    }

    /** @return the exit status */
    public static int run(List<String> args, Path repository, Path home, PrintStream out, PrintStream err) {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("darwin compare: " + e.getMessage());
            err.println(CompareOptions.usage());
            return ERROR;
        }
        try {
            return compare(options, repository, home, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("darwin compare: " + e.getMessage());
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("darwin compare: interrupted");
            return ERROR;
        }
    }

    private static int compare(CompareOptions options, Path repository, Path home, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String sourceA = Files.readString(options.programA(), StandardCharsets.UTF_8);
        String sourceB = Files.readString(options.programB(), StandardCharsets.UTF_8);
        String dataset = Datasets.resolve(options.dataset() != null ? options.dataset()
                : Datasets.defaultCorpus(repository), options.dataset() != null ? options.sha256()
                : Datasets.defaultSha256(repository), home.resolve("data"));
        Map<String, String> environment = System.getenv();
        Isolation.Decision isolation = LocalSandbox.isolation(environment, options.allowUnisolated());
        if (isolation.refused()) {
            err.println("darwin compare: " + isolation.refusal());
            return ERROR;
        }
        if (isolation.warning() != null) {
            err.println("WARNING: " + isolation.warning());
        }
        SandboxSettings settings = LocalSandbox.settings(repository, home, environment, isolation);
        PrintStream progress = options.json() ? err : out;
        progress.println(CompareReport.header(options, dataset));
        Calibration.Result calibration = Calibration.run(settings, environment, CALIBRATION_TIMEOUT);
        Sandbox sandbox = new Sandbox(settings, environment);
        HarnessConfig config = new HarnessConfig(new CorpusSource(dataset, options.sha256()),
                HarnessConfig.DEFAULT_VALIDATION_FRACTION, options.maxTokens(), options.maxSeconds(), options.seed(),
                options.preset(), null, calibration.peakFlops());
        Comparison.Result result = Comparison.compare(sourceA, sourceB, options,
                (label, source, seed) -> sandbox.run(new SandboxRequest(label, source, config.withSeed(seed)),
                        point -> { }, new Cancellation()),
                run -> progress.println(CompareReport.run(run)));
        if (options.json()) {
            out.println(CompareReport.json(options, dataset, result));
        } else {
            out.print(CompareReport.text(result));
        }
        return switch (result.verdict()) {
            case BETTER -> BETTER;
            case NOT_BETTER -> NOT_BETTER;
            case ERROR -> ERROR;
        };
    }
}
