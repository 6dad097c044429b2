package ai.darwin.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourcesTest {

    @TempDir
    Path root;

    private DatasetSources sources(Path data) {
        return new DatasetSources(List.of("file", "https"), List.of("raw.githubusercontent.com"),
                List.of(data.toString()));
    }

    @Test
    void theConfiguredDirectoriesAndHostsAreAllowed() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path corpus = Files.writeString(data.resolve("corpus.txt"), "text");
        DatasetSources sources = sources(data);

        assertThat(sources.refusal(corpus.toString())).isEmpty();
        assertThat(sources.refusal(corpus.toUri().toString())).isEmpty();
        assertThat(sources.refusal(data.resolve("not-yet-there.txt").toString())).isEmpty();
        assertThat(sources.refusal("https://raw.githubusercontent.com/karpathy/char-rnn/master/input.txt")).isEmpty();
        assertThat(sources.refusal("HTTPS://RAW.githubusercontent.com/x.txt")).isEmpty();
    }

    @Test
    void hostFilesInternalUrlsAndOtherSchemesAreRefusedWithTheReason() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        DatasetSources sources = sources(data);

        assertThat(sources.refusal("/etc/passwd")).hasValueSatisfying(r -> assertThat(r)
                .contains("outside the allowed directories"));
        assertThat(sources.refusal("file:///etc/shadow")).isPresent();
        assertThat(sources.refusal(data + "/../../etc/passwd")).as("climbing out with ..").isPresent();
        assertThat(sources.refusal(data + "-evil/corpus.txt")).as("a sibling sharing the prefix").isPresent();
        assertThat(sources.refusal("http://raw.githubusercontent.com/x.txt")).hasValue("scheme 'http' is not allowed");
        assertThat(sources.refusal("https://169.254.169.254/latest/meta-data/"))
                .hasValue("host '169.254.169.254' is not allowed");
        assertThat(sources.refusal("https://raw.githubusercontent.com.evil.example/x")).isPresent();
        assertThat(sources.refusal("https://user:pw@raw.githubusercontent.com/x")).isPresent();
        assertThat(sources.refusal("jar:file:///app.jar!/secret")).hasValue("scheme 'jar' is not allowed");
        assertThat(sources.refusal("ftp://raw.githubusercontent.com/x")).isPresent();
        assertThatThrownBy(() -> sources.check("/etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dataset '/etc/passwd' is not allowed: /etc/passwd is outside")
                .hasMessageContaining("darwin.datasets.allowed-");
    }

    @Test
    void aSymbolicLinkOutOfAnAllowedDirectoryIsRefused() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        Path secret = Files.writeString(root.resolve("secret.txt"), "key");
        Path link = Files.createSymbolicLink(data.resolve("innocent.txt"), secret);

        assertThat(sources(data).refusal(link.toString())).isPresent();
    }

    @Test
    void withoutTheFileSchemeNoLocalPathIsAllowed() {
        DatasetSources urlsOnly = new DatasetSources(List.of("https"), List.of("huggingface.co"), List.of("/"));

        assertThat(urlsOnly.refusal("/tmp/x.txt")).hasValue("local files are not allowed");
    }
}
