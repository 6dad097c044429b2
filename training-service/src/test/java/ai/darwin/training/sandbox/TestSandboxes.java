package ai.darwin.training.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sandbox settings sized for tests on a small shared machine. */
final class TestSandboxes {

    static final long MIB = 1024L * 1024;

    private TestSandboxes() {
    }

    static SandboxSettings settings(Path workRoot) {
        return new SandboxSettings(SandboxSettings.currentJava(),
                SandboxClasspath.jars(SandboxClasspath.locate(Optional.empty())), workRoot, 512 * MIB, 256 * MIB,
                1536 * MIB, Duration.ofSeconds(30), Duration.ofMinutes(5), 2, 1,
                Path.of(System.getProperty("user.home"), ".djl.ai"), List.of("PATH", "LANG"),
                NetworkIsolation.launcherPrefix(ai.darwin.training.config.TrainingConfig.NetworkIsolation.AUTO),
                false, 60);
    }
}
