package ai.darwin.training.harness.data;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a corpus comes from.
 *
 * @param uri    a local path, {@code file:} URI or {@code http(s):} URL of a UTF-8 text file
 * @param sha256 the expected SHA-256 of its bytes (hex), checked when not null
 */
public record CorpusSource(String uri, String sha256) {

    public CorpusSource {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("a corpus needs a uri");
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 hex digits but was " + sha256);
            }
        }
    }

    public static CorpusSource of(String uri) {
        return new CorpusSource(uri, null);
    }
}
