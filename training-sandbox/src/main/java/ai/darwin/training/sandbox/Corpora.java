package ai.darwin.training.sandbox;

import ai.darwin.events.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a dataset's URI into a local file a child can read without the network: a path stays as it is (made
 * absolute against the worker's working directory), a URL is downloaded once into a cache and checked against its
 * SHA-256 when one is given.
 */
public final class Corpora {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final Path cacheDir;

    public Corpora(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** @throws IOException when the file does not exist or the download fails or has the wrong checksum */
    public synchronized Path local(String uri, String sha256) throws IOException {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return download(uri, sha256);
        }
        Path path = (lower.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IOException("corpus " + uri + " is not a readable file (resolved to " + path + ")");
        }
        return path;
    }

    private Path download(String uri, String sha256) throws IOException {
        Path target = cacheDir.resolve(Sha256.of(uri) + ".txt");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, "download-", ".part");
        try {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(DOWNLOAD_TIMEOUT).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(uri))
                    .timeout(DOWNLOAD_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = Sha256.newDigest();
            try (InputStream body = new DigestInputStream(response.body(), digest)) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = Sha256.hex(digest.digest());
            if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
                throw new IOException("corpus " + uri + " has SHA-256 " + actual + ", expected " + sha256);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
