package ai.darwin.training.sandbox;

import ai.darwin.training.harness.sandbox.ChildMain;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sandbox settings sized for tests on a small shared machine, behind the wall a worker here gets. */
final class TestSandboxes {

    static final long MIB = 1024L * 1024;

    private TestSandboxes() {
    }

    static SandboxSettings settings(Path workRoot) {
        return settings(workRoot, Path.of(System.getProperty("user.home"), ".djl.ai"));
    }

    static SandboxSettings settings(Path workRoot, Path djlCache) {
        return new SandboxSettings(SandboxSettings.currentJava(),
                SandboxClasspath.jars(SandboxClasspath.locate(Optional.empty())), ChildMain.class.getName(), workRoot,
                512 * MIB, 256 * MIB, 1536 * MIB, Duration.ofSeconds(30), Duration.ofMinutes(5), 2, 1, djlCache,
                List.of("PATH", "LANG"), containment(), false, 60);
    }

    /** The same launcher, wall and limits with {@link HostileMain} as the child's entry point. */
    static SandboxSettings hostile(Path workRoot) {
        try {
            Path testClasses = Path.of(HostileMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return settings(workRoot).withMainClass(HostileMain.class.getName(), List.of(testClasses));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The wall a worker with the default settings gets here. The tests insist on it: a machine without a working
     * bubblewrap fails them with the fix, as a worker there would refuse to train.
     */
    static Containment containment() {
        Isolation.Decision decision = Isolation.decide(Isolation.Mode.BWRAP, "bwrap", "prlimit", false,
                System.getenv().getOrDefault("PATH", ChildEnvironment.DEFAULT_PATH), Optional.empty());
        if (decision.refused()) {
            throw new IllegalStateException("the sandbox tests run children behind bubblewrap, as workers do: "
                    + decision.refusal());
        }
        return decision.containment();
    }
}
