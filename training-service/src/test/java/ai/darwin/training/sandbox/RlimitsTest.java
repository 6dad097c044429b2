package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RlimitsTest {

    @Test
    void prlimitSetsFileSizeDescriptorsNoCoreAndACpuBackstop() {
        assertThat(new Rlimits(64, 600, 4096).prlimitArgs(Path.of("/usr/bin/prlimit"))).containsExactly(
                "/usr/bin/prlimit", "--fsize=64", "--nofile=4096", "--core=0", "--cpu=600", "--");
    }

    @Test
    void theCpuBackstopLiesBeyondAnythingTheWallClockAllows() {
        Rlimits limits = Rlimits.of(1024, 90);

        assertThat(limits.cpuSeconds()).isGreaterThan(90L * Runtime.getRuntime().availableProcessors());
        assertThat(limits.fileSizeBytes()).isEqualTo(1024);
        assertThat(limits.openFiles()).isBetween(1, Rlimits.OPEN_FILES);
    }

    @Test
    void descriptorsNeverExceedTheHardLimitTheWorkerHas(@TempDir Path dir) throws IOException {
        Path limits = Files.writeString(dir.resolve("limits"), """
                Limit                     Soft Limit           Hard Limit           Units
                Max file size             unlimited            unlimited            bytes
                Max open files            1024                 2048                 files
                """);

        assertThat(Rlimits.hardOpenFiles(limits)).isEqualTo(2048);
        assertThat(Rlimits.hardOpenFiles(dir.resolve("missing"))).isEqualTo(Rlimits.OPEN_FILES);
    }
}
