package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A worker that cannot isolate untrusted code refuses it, unless its operator explicitly allowed that. */
class IsolationTest {

    private static final Optional<Path> BWRAP = Optional.of(Path.of("/usr/bin/bwrap"));
    private static final Optional<Path> PRLIMIT = Optional.of(Path.of("/usr/bin/prlimit"));

    @Test
    void aWorkingBubblewrapAndPrlimitIsolate() {
        Isolation.Decision decision = Isolation.decide(BWRAP, Optional.empty(), PRLIMIT, false, Optional.empty());

        assertThat(decision.refused()).isFalse();
        assertThat(decision.warning()).isNull();
        assertThat(decision.containment().isolated()).isTrue();
        assertThat(decision.containment().describe()).contains("bubblewrap", "rlimits");
    }

    @Test
    void withoutBubblewrapTheWorkerRefusesAndNamesTheFix() {
        Isolation.Decision decision = Isolation.decide(Optional.empty(),
                Optional.of("bubblewrap ('bwrap') is not installed"), PRLIMIT, false, Optional.empty());

        assertThat(decision.refused()).isTrue();
        assertThat(decision.containment()).isNull();
        assertThat(decision.refusal()).contains("refuses", "not installed", "apt-get install bubblewrap",
                "DARWIN_TRAINING_SANDBOX_ALLOW_UNISOLATED=true");
    }

    @Test
    void withoutPrlimitTheWorkerRefusesToo() {
        assertThat(Isolation.decide(BWRAP, Optional.empty(), Optional.empty(), false, Optional.empty()).refusal())
                .contains("prlimit");
    }

    @Test
    void theOperatorMayAllowUnisolatedRunsAndIsWarned() {
        Isolation.Decision decision = Isolation.decide(Optional.empty(),
                Optional.of("bubblewrap cannot build a sandbox here"), PRLIMIT, true, Optional.empty());

        assertThat(decision.refused()).isFalse();
        assertThat(decision.containment().isolated()).isFalse();
        assertThat(decision.containment().prlimit()).isEqualTo(PRLIMIT);
        assertThat(decision.warning()).contains("WITHOUT the OS-level wall", "cannot build a sandbox here");
    }

    @Test
    void isolationNoneIsRefusedUnlessAllowed() {
        String path = System.getenv().getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH);

        assertThat(Isolation.decide(Isolation.Mode.NONE, "bwrap", "prlimit", false, path, Optional.empty())
                .refusal()).contains("isolation is none");
        Isolation.Decision allowed = Isolation.decide(Isolation.Mode.NONE, "bwrap", "prlimit", true, path,
                Optional.empty());
        assertThat(allowed.refused()).isFalse();
        assertThat(allowed.containment().isolated()).isFalse();
    }

    @Test
    void aBubblewrapThatDoesNotExistIsRefused() {
        Isolation.Decision decision = Isolation.decide(Isolation.Mode.BWRAP, "/nonexistent/bwrap",
                "prlimit", false, ChildEnvironment.DEFAULT_PATH, Optional.empty());

        assertThat(decision.refusal()).contains("'/nonexistent/bwrap'", "not installed");
    }

    @Test
    void aBubblewrapThatCannotBuildASandboxIsRefused() {
        // false(1) stands in for a bwrap that Docker's seccomp profile stops: it runs, and fails
        assertThat(Isolation.probe(Path.of("/bin/false"))).hasValueSatisfying(problem ->
                assertThat(problem).contains("cannot build a sandbox here", "exit status 1"));
    }

    @Test
    void executablesAreLookedUpOnThePath() {
        assertThat(Isolation.executable("sh", "/nonexistent:/bin")).contains(Path.of("/bin/sh"));
        assertThat(Isolation.executable("/bin/sh", "")).contains(Path.of("/bin/sh"));
        assertThat(Isolation.executable("no-such-tool", "/bin:/usr/bin")).isEmpty();
        assertThat(Isolation.executable("/bin", "")).isEmpty();
    }
}
