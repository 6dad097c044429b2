package ai.darwin.platform.input;

import ai.darwin.events.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * The SHA-256 of a corpus, read once from its file or URL when a human approves it, so that every worker later
 * trains on exactly the bytes that were approved. Reading stops at the size cap: an approval never waits for, or
 * stores, more than that.
 */
public final class CorpusDigest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private CorpusDigest() {
    }

    /**
     * @param uri      a path, {@code file:} URI or {@code http(s):} URL, already checked against the allow-list
     * @param maxBytes the most bytes it may have
     * @param sources  the allow-list every redirect of a URL is checked against
     * @throws IOException when it cannot be read, redirects outside the allow-list, or is larger than
     *                     {@code maxBytes} (the message says which)
     */
    public static String of(String uri, long maxBytes, DatasetSources sources) throws IOException {
        String lower = uri.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try (InputStream body = new DatasetDownload(sources, TIMEOUT).open(uri).body()) {
                return digest(body, maxBytes, uri);
            }
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(uri.strip())) : Path.of(uri.strip());
        if (!Files.isRegularFile(path)) {
            throw new IOException(uri + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return digest(in, maxBytes, uri);
        }
    }

    private static String digest(InputStream in, long maxBytes, String uri) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            read += n;
            if (read > maxBytes) {
                throw new IOException(uri + " is larger than the cap of " + maxBytes + " bytes "
                        + "(darwin.datasets.max-extra-corpus-size)");
            }
            digest.update(buffer, 0, n);
        }
        return Sha256.hex(digest.digest());
    }
}
