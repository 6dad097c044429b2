package ai.darwin.local.compare;

import ai.darwin.events.training.IntegrityGate;
import ai.darwin.local.cli.Datasets;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.sandbox.Calibration;
import ai.darwin.training.sandbox.Cancellation;
import ai.darwin.training.sandbox.Isolation;
import ai.darwin.training.sandbox.Sandbox;
import ai.darwin.training.sandbox.SandboxOutcome;
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

    /**
     * The CPU's peak for MFU, measured outside any scored run. Measured while the machine is busy it comes out low;
     * when a run beats it, it is measured again before the next run and only ever rises.
     */
    private static final class Peak {

        private final SandboxSettings settings;
        private final Map<String, String> environment;
        private double flops;

        Peak(SandboxSettings settings, Map<String, String> environment) throws IOException, InterruptedException {
            this.settings = settings;
            this.environment = environment;
            this.flops = Calibration.run(settings, environment, CALIBRATION_TIMEOUT).peakFlops();
        }

        double flops() {
            return flops;
        }

        void measureAgainIfBeaten(SandboxOutcome outcome) {
            if (outcome instanceof SandboxOutcome.Completed completed && completed.integrityFlags().stream()
                    .anyMatch(flag -> flag.gate() == IntegrityGate.MFU_ABOVE_PEAK)) {
                try {
                    flops = Math.max(flops, Calibration.run(settings, environment, CALIBRATION_TIMEOUT).peakFlops());
                } catch (IOException e) {
                    // the runs go on against the figure there is; their MFU lines say it was beaten
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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
                : Datasets.defaultSha256(), home.resolve("data"));
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
        Peak peak = new Peak(settings, environment);
        Sandbox sandbox = new Sandbox(settings, environment);
        HarnessConfig config = new HarnessConfig(new CorpusSource(dataset, options.sha256()),
                HarnessConfig.DEFAULT_VALIDATION_FRACTION, options.maxTokens(), options.maxSeconds(), options.seed(),
                options.preset(), null, 0);
        Comparison.Result result = Comparison.compare(sourceA, sourceB, options, (label, source, seed) -> {
            SandboxOutcome outcome = sandbox.run(new SandboxRequest(label, source,
                    config.withSeed(seed).withPeakFlops(peak.flops())), point -> { }, new Cancellation());
            peak.measureAgainIfBeaten(outcome);
            return outcome;
        }, run -> progress.println(CompareReport.run(run)));
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
