package ai.darwin.training.harness.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extra corpora join the training tokens only: what validation reads is the run's own corpus, whatever they hold. */
class DatasetMixtureTest {

    private static final String OWN = "the quick brown fox jumps over the lazy dog. ".repeat(20)
            + "VALIDATION TAIL: pack my box with five dozen liquor jugs.";

    @Test
    void anExtraCorpusHoldingTheValidationTextChangesNeitherValidationNorVocabulary(@TempDir Path dir)
            throws IOException {
        CorpusSource own = source(dir, "own.txt", OWN);
        Dataset alone = Dataset.load(own, 0.1);
        String validationText = alone.tokenizer().decode(alone.split().validation());
        ExtraSource leak = new ExtraSource(source(dir, "leak.txt", validationText + " ünïcödé"), 3);

        Dataset mixed = Dataset.load(own, 0.1, List.of(leak));

        assertThat(mixed.split().validation()).containsExactly(alone.split().validation());
        assertThat(mixed.tokenizer().vocabularySize()).isEqualTo(alone.tokenizer().vocabularySize());
        int[] extra = alone.tokenizer().encodeKnown(validationText + " ünïcödé");
        assertThat(extra).hasSize(validationText.length() + " ncd".length());
        assertThat(mixed.split().train()).hasSize(alone.split().train().length + 3 * extra.length);
        assertThat(mixed.split().train()).startsWith(alone.split().train());
    }

    @Test
    void anExtraCorpusThatFailsItsChecksumIsNeverTrainedOn(@TempDir Path dir) throws IOException {
        CorpusSource own = source(dir, "own.txt", OWN);
        Path extra = Files.writeString(dir.resolve("extra.txt"), "approved text");
        ExtraSource approved = new ExtraSource(new CorpusSource(extra.toString(), Corpus.sha256(
                "approved text".getBytes(StandardCharsets.UTF_8))), 1);
        Files.writeString(extra, "swapped after approval");

        assertThatThrownBy(() -> Dataset.load(own, 0.1, List.of(approved))).isInstanceOf(IOException.class)
                .hasMessageContaining("expected " + approved.source().sha256());
    }

    @Test
    void anExtraCorpusMustNameItsChecksum() {
        assertThatThrownBy(() -> new ExtraSource(CorpusSource.of("/data/extra.txt"), 1))
                .hasMessageContaining("sha256");
    }

    private static CorpusSource source(Path dir, String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        return new CorpusSource(file.toString(), Corpus.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }
}
