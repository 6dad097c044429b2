package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.ProgressPoint;
import ai.darwin.training.harness.data.CorpusSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox on its own: a real child JVM trains the seed program; what a child sees of its parent. */
class SandboxIT {

    static final String SECRET = "OPENAI_API_KEY";

    @TempDir
    Path workRoot;

    @Test
    void theSeedProgramTrainsInAChildJvmAndEveryMetricIsMeasured() {
        Sandbox sandbox = new Sandbox(TestSandboxes.settings(workRoot), System.getenv());
        // the CPU preset (batch 12 x context 64) for five steps, scored on a small held-out set
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.shakespeare().toString()), 12 * 64 * 5, 0)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(2, 8, 64, 7)).withPeakFlops(1e11);
        List<ProgressPoint> points = new ArrayList<>();

        SandboxOutcome outcome = sandbox.run(new SandboxRequest("seed-1", TestPrograms.seed(), config), points::add,
                new Cancellation());

        assertThat(outcome).isInstanceOf(SandboxOutcome.Completed.class);
        SandboxOutcome.Completed completed = (SandboxOutcome.Completed) outcome;
        TrainingMetrics m = completed.metrics();
        assertThat(List.of(m.valLoss(), m.valBitsPerByte(), m.perplexity(), m.finalTrainLoss(), m.tokensPerSecond(),
                m.flopsPerToken(), m.peakFlops(), m.mfu(), m.trainSeconds(), m.totalSeconds())).allMatch(v -> v > 0);
        assertThat(List.of(m.tokensTrained(), m.steps(), m.parameters(), m.peakMemoryBytes())).allMatch(v -> v > 0);
        assertThat(m.tokensTrained()).isEqualTo(12 * 64 * 5);
        assertThat(m.valLoss()).isLessThan(Math.log(65));
        assertThat(completed.architecture().layers()).isEqualTo(4);
        assertThat(completed.architecture().vocabularySize()).isEqualTo(65);
        assertThat(points).isNotEmpty();
        Overhead overhead = completed.overhead();
        assertThat(overhead.jvmStartSeconds()).isPositive();
        assertThat(overhead.compileSeconds()).isPositive();
        assertThat(overhead.totalSeconds()).isGreaterThan(overhead.compileSeconds());
        assertThat(workRoot).isEmptyDirectory();
    }

    @Test
    void aChildSeesNoneOfTheWorkersEnvironmentButTheAllowList() throws IOException, InterruptedException {
        assumeThat(System.getenv(SECRET)).as("the build sets a fake " + SECRET + " for this test").isNotBlank();
        SandboxSettings settings = TestSandboxes.settings(workRoot);
        Path home = Files.createDirectories(workRoot.resolve("home"));
        Path tmp = Files.createDirectories(workRoot.resolve("tmp"));
        List<String> command = new ArrayList<>(settings.launcherPrefix());
        command.add("env");

        // the same environment and process set-up a training child gets, running env(1) instead of the harness
        String seen = run(command, ChildEnvironment.of(System.getenv(), settings.passEnvironment(), home, tmp,
                settings.djlCacheDir(), settings.threads()));

        assertThat(seen).doesNotContain(SECRET).doesNotContain(System.getenv(SECRET))
                .contains("HOME=" + home).contains("TMPDIR=" + tmp);
        assertThat(seen.lines()).allMatch(line -> List.of("PATH=", "LANG=", "HOME=", "TMPDIR=", "DJL_CACHE_DIR=",
                "OPT_OUT_TRACKING=", "OMP_NUM_THREADS=", "MKL_NUM_THREADS=", "OPENBLAS_NUM_THREADS=").stream()
                .anyMatch(line::startsWith), "only the allow-list and the child's own variables");
    }

    @Test
    void aChildInItsOwnNetworkNamespaceHasOnlyALoopback() throws IOException, InterruptedException {
        SandboxSettings settings = TestSandboxes.settings(workRoot);
        assumeThat(settings.launcherPrefix()).as("unshare works on this machine").isNotEmpty();
        List<String> command = new ArrayList<>(settings.launcherPrefix());
        command.addAll(List.of("cat", "/proc/net/dev"));

        String interfaces = run(command, Map.of("PATH", ChildEnvironment.DEFAULT_PATH));

        assertThat(interfaces.lines().skip(2).map(line -> line.trim().split(":")[0]).toList()).containsExactly("lo");
    }

    private String run(List<String> command, Map<String, String> environment) throws IOException,
            InterruptedException {
        Path log = workRoot.resolve("out.txt");
        ChildProcess child = ChildProcess.start(command, environment, workRoot, log);
        assertThat(child.waitFor(TimeUnit.SECONDS.toMillis(30))).isTrue();
        assertThat(child.exitValue()).isZero();
        return Files.readString(log);
    }
}
