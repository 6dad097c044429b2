package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import ai.darwin.training.harness.data.ExtraSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildConfigTest {

    @Test
    void aConfigSurvivesTheFile(@TempDir Path dir) throws IOException {
        HarnessConfig config = new HarnessConfig(new CorpusSource("https://example.com/corpus.txt", "ab".repeat(32)),
                0.05, 500_000, 300, 42, "gpu", new HarnessConfig.Evaluation(10, 32, 256, 7), 989e12);
        Path file = dir.resolve(ChildMain.CONFIG);

        ChildConfig.write(config, file);

        assertThat(ChildConfig.read(file)).isEqualTo(config);
    }

    @Test
    void extraCorporaSurviveTheFile(@TempDir Path dir) throws IOException {
        HarnessConfig config = new HarnessConfig(CorpusSource.of("/data/corpus.txt"), 0.1, 1000, 0, 1, "cpu", null, 0,
                List.of(new ExtraSource(new CorpusSource("/data/more.txt", "cd".repeat(32)), 2),
                        new ExtraSource(new CorpusSource("https://example.com/x.txt", "ef".repeat(32)), 1)));
        Path file = dir.resolve(ChildMain.CONFIG);

        ChildConfig.write(config, file);

        assertThat(ChildConfig.read(file)).isEqualTo(config);
    }

    @Test
    void theSmokeStepSurvivesTheFile(@TempDir Path dir) throws IOException {
        HarnessConfig config = HarnessConfig.of(CorpusSource.of("/data/corpus.txt"), 1000, 0).withSmokeSteps(5);
        Path file = dir.resolve(ChildMain.CONFIG);

        ChildConfig.write(config, file);

        assertThat(ChildConfig.read(file).smokeSteps()).isEqualTo(5);
        assertThat(ChildConfig.read(file)).isEqualTo(config);
    }

    @Test
    void defaultsFillWhatIsLeftOut(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(ChildMain.CONFIG), "corpus.uri=/data/corpus.txt\nbudget.maxSeconds=60\n");

        HarnessConfig config = ChildConfig.read(file);

        assertThat(config).isEqualTo(HarnessConfig.of(CorpusSource.of("/data/corpus.txt"), 0, 60));
        assertThat(config.smokeSteps()).as("no smoke step unless asked").isZero();
    }

    @Test
    void aConfigWithoutCorpusIsRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(ChildMain.CONFIG), "budget.maxTokens=1000\n");

        assertThatThrownBy(() -> ChildConfig.read(file)).hasMessageContaining("corpus.uri");
    }
}
