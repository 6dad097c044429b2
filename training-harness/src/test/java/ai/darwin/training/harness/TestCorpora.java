package ai.darwin.training.harness;

import ai.darwin.training.harness.data.CorpusSource;

import java.nio.file.Files;
import java.nio.file.Path;

/** The workspace's shared corpora, found through the {@code darwin.data.dir} property the build sets. */
public final class TestCorpora {

    public static final String SHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    private TestCorpora() {
    }

    public static Path shakespearePath() {
        Path path = Path.of(System.getProperty("darwin.data.dir", "../../shared/data"), "tinyshakespeare.txt");
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("tiny Shakespeare not found at " + path.toAbsolutePath()
                    + "; set -Ddarwin.data.dir");
        }
        return path;
    }

    public static CorpusSource shakespeare() {
        return new CorpusSource(shakespearePath().toString(), SHAKESPEARE_SHA256);
    }
}
