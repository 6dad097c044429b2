package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void trainingIsIsolatedUnlessTheOperatorSaysOtherwise() {
        assertThat(RunOptions.parse(List.of("--population", "2"), REPOSITORY).allowUnisolated()).isFalse();
        RunOptions allowed = RunOptions.parse(List.of("--allow-unisolated", "--population", "2"), REPOSITORY);
        assertThat(allowed.allowUnisolated()).isTrue();
        assertThat(allowed.population()).isEqualTo(2);
        assertThat(RunOptions.usage()).contains("--allow-unisolated");
    }
}
