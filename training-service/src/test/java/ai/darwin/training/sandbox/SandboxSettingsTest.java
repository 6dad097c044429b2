package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxSettingsTest {

    private static final SandboxSettings SETTINGS = new SandboxSettings(Path.of("java"), List.of(Path.of("a.jar")),
            "Main", Path.of("work"), 1, 1, 1, Duration.ofSeconds(30), Duration.ofMinutes(10), 1, 1, Path.of("cache"),
            List.of(), new Containment(Optional.empty(), Optional.empty(), Optional.empty()), false, 10);

    @Test
    void aTimeBudgetGetsTheGraceOnTopUpToTheCap() {
        assertThat(SETTINGS.wallClockLimit(60)).isEqualTo(Duration.ofSeconds(90));
        assertThat(SETTINGS.wallClockLimit(1.5)).isEqualTo(Duration.ofMillis(31_500));
        assertThat(SETTINGS.wallClockLimit(3600)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aTokenOnlyBudgetGetsTheCap() {
        assertThat(SETTINGS.wallClockLimit(0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void residentMemoryIsReadFromProcStatus() {
        assertThat(ChildProcess.residentBytes(Path.of("/proc/self/status"))).isPositive();
        assertThat(ChildProcess.residentBytes(Path.of("/proc/does-not-exist/status"))).isZero();
    }

    @Test
    void aTestEntryPointWidensTheClasspathAndKeepsEverythingElse() {
        SandboxSettings hostile = SETTINGS.withMainClass("Hostile", List.of(Path.of("test-classes")));

        assertThat(hostile.mainClass()).isEqualTo("Hostile");
        assertThat(hostile.classpath()).containsExactly(Path.of("a.jar"), Path.of("test-classes"));
        assertThat(hostile.withMainClass("Main", List.of()).containment()).isEqualTo(SETTINGS.containment());
    }
}
