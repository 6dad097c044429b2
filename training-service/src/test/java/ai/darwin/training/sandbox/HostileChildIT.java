package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.FailureClass;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS-level wall, attacked by code the bytecode check would never let through: {@link HostileMain} runs in
 * place of the harness through the real Sandbox, with the same launcher, bubblewrap wall and rlimits as a training
 * child. Each attack fails inside; run without the wall, the same attack succeeds, so each test can fail.
 */
class HostileChildIT {

    static final String SECRET = "sk-darwin-test-secret";

    @TempDir
    Path workRoot;

    private String attack(SandboxSettings settings, String attack) {
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.wonderland().toString()), 64, 0);
        SandboxOutcome outcome = new Sandbox(settings, System.getenv()).run(new SandboxRequest("hostile", attack,
                config), point -> { }, new Cancellation());
        assertThat(outcome).isInstanceOf(SandboxOutcome.Failed.class);
        String name = attack.split(" ")[0] + ": ";
        return ((SandboxOutcome.Failed) outcome).logTail().lines().filter(line -> line.startsWith(name))
                .findFirst().map(line -> line.substring(name.length()))
                .orElseThrow(() -> new AssertionError("no outcome of " + attack + " in " + outcome));
    }

    private String attack(String attack) {
        return attack(TestSandboxes.hostile(workRoot), attack);
    }

    private SandboxSettings unisolated() {
        Containment wall = TestSandboxes.containment();
        return TestSandboxes.hostile(workRoot).withContainment(new Containment(Optional.empty(), wall.prlimit(),
                Optional.empty()));
    }

    @Test
    void aPortTheHostOpenedCannotBeReached() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setSoTimeout(500);

            assertThat(attack("connect 127.0.0.1 " + server.getLocalPort())).contains("Connection refused");
            assertThat(attack(unisolated(), "connect 127.0.0.1 " + server.getLocalPort())).isEqualTo("connected");
            server.accept().close();
            try {
                server.accept().close();
                throw new AssertionError("the sandboxed child reached the host's port");
            } catch (SocketTimeoutException expected) {
                // only the unisolated child connected
            }
        }
    }

    @Test
    void filesOfTheWorkerAndOfOtherVariantsDoNotExistInside() throws IOException {
        Path home = Path.of(System.getProperty("user.home"));
        Path inHome = Files.createTempFile(home, "darwin-hostile-child-it-", ".secret");
        try {
            Files.writeString(inHome, SECRET);
            Path otherVariant = Files.createDirectories(workRoot.resolve("other-variant-1"));
            Path otherProgram = Files.writeString(otherVariant.resolve("program.java"), "class Other {}");
            Path beside = Files.writeString(workRoot.resolve("worker-notes.txt"), SECRET);

            for (Path file : new Path[] {inHome, otherProgram, beside, Path.of("pom.xml").toAbsolutePath()}) {
                assertThat(attack("read " + file)).as(file.toString()).contains("NoSuchFileException");
            }
            assertThat(attack(unisolated(), "read " + inHome)).isEqualTo("read " + SECRET.length() + " chars");
        } finally {
            Files.deleteIfExists(inHome);
        }
    }

    @Test
    void theWorkersEnvironmentIsNotVisibleThroughProc() {
        String seen = attack("environment");

        assertThat(System.getenv("OPENAI_API_KEY")).as("the build sets a fake secret for this test").startsWith(SECRET);
        assertThat(seen).doesNotContain(SECRET).doesNotContain("OPENAI_API_KEY").contains("HOME=" + workRoot);
        assertThat(attack("read /proc/" + ProcessHandle.current().pid() + "/environ"))
                .contains("NoSuchFileException");
    }

    @Test
    void nothingOutsideThePrivateDirectoryCanBeWritten() {
        Path escape = workRoot.resolve("escaped.txt");
        Path cache = TestSandboxes.settings(workRoot).djlCacheDir().resolve("escaped.txt");
        Path libDir = TestSandboxes.settings(workRoot).classpath().get(0).getParent().resolve("escaped.txt");

        assertThat(attack("write " + cache)).contains("Read-only file system");
        assertThat(attack("write " + libDir)).contains("Read-only file system");
        for (String place : new String[] {"/usr", "/dev", "/", "/root"}) {
            assertThat(attack("write " + Path.of(place, "escaped.txt"))).as(place).contains("Read-only file system");
        }
        attack("write " + escape);
        assertThat(escape).as("a write beside its directory stays inside the sandbox").doesNotExist();
        assertThat(cache).doesNotExist();
        assertThat(libDir).doesNotExist();
        attack(unisolated(), "write " + escape);
        assertThat(escape).exists();
    }

    @Test
    void noOtherProcessIsVisible() {
        String pids = attack("processes");

        assertThat(pids).startsWith("pids [");
        assertThat(pids.substring("pids [".length(), pids.length() - 1).split(",")).hasSizeLessThanOrEqualTo(3)
                .doesNotContain(Long.toString(ProcessHandle.current().pid()));
        assertThat(attack(unisolated(), "processes").split(",").length).isGreaterThan(3);
    }

    @Test
    void noFileGrowsPastTheLimit() {
        String outcome = attack("bigfile " + (Sandbox.MAX_LOG_BYTES + 8 * TestSandboxes.MIB));

        assertThat(outcome).isEqualTo("stopped at " + Sandbox.MAX_LOG_BYTES + " bytes: File too large");
    }

    @Test
    void printingTheJvmsStartFailureAfterStartingIsTheProgramsFailure() {
        SandboxOutcome.Failed failed = failed("pretend-jvm-failure");

        assertThat(failed.logTail()).contains("Could not find or load main class");
        assertThat(failed.failureClass()).as(failed.message()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        assertThat(failed.message()).contains("exited with status 1");
    }

    @Test
    void aChildThatNeverCreatedItsMarkerIsInfrastructure() {
        SandboxOutcome.Failed failed = failed("no-marker");

        assertThat(failed.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(failed.message()).contains("did not start");
    }

    private SandboxOutcome.Failed failed(String attack) {
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.wonderland().toString()), 64, 0);
        SandboxOutcome outcome = new Sandbox(TestSandboxes.hostile(workRoot), System.getenv())
                .run(new SandboxRequest(attack, attack, config), point -> { }, new Cancellation());
        assertThat(outcome).isInstanceOf(SandboxOutcome.Failed.class);
        return (SandboxOutcome.Failed) outcome;
    }
}
