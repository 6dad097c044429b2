package ai.darwin.training.sandbox;

import ai.darwin.events.Sha256;
import ai.darwin.platform.input.DatasetDownload;
import ai.darwin.platform.input.DatasetSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
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
 * SHA-256 when one is given. A download stops at its size cap, so that no URL can fill the worker's disk, and
 * follows only redirects the dataset allow-list accepts, so that no allowed host can send it elsewhere.
 */
public final class Corpora {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    /**
     * A download that is not the corpus asked for: above its size cap, with another SHA-256, or redirected outside
     * the allow-list. No retry helps.
     */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final Path cacheDir;
    private final DatasetDownload downloads;

    /** @param sources the allow-list every redirect of a download is checked against */
    public Corpora(Path cacheDir, DatasetSources sources) {
        this.cacheDir = cacheDir;
        this.downloads = new DatasetDownload(sources, DOWNLOAD_TIMEOUT);
    }

    /** @throws IOException when the file does not exist or the download fails or has the wrong checksum */
    public Path local(String uri, String sha256) throws IOException {
        return local(uri, sha256, Long.MAX_VALUE);
    }

    /**
     * @param maxBytes the most bytes a download may have; a local file's size is its reader's to check
     * @throws Refused     when the download is larger than {@code maxBytes}, has the wrong checksum or is redirected
     *                     outside the allow-list
     * @throws IOException when the file does not exist or the download fails
     */
    public synchronized Path local(String uri, String sha256, long maxBytes) throws IOException {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return download(uri, sha256, maxBytes);
        }
        Path path = (lower.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IOException("corpus " + uri + " is not a readable file (resolved to " + path + ")");
        }
        return path;
    }

    private Path download(String uri, String sha256, long maxBytes) throws IOException {
        Path target = cacheDir.resolve(Sha256.of(uri) + ".txt");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, "download-", ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            try (InputStream body = new DigestInputStream(open(uri), digest)) {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    copyAtMost(body, out, maxBytes, uri);
                }
            }
            String actual = Sha256.hex(digest.digest());
            if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
                throw new Refused("corpus " + uri + " has SHA-256 " + actual + ", expected " + sha256);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private InputStream open(String uri) throws IOException {
        try {
            return downloads.open(uri).body();
        } catch (DatasetDownload.Refused e) {
            throw new Refused(e.getMessage());
        }
    }

    private static void copyAtMost(InputStream in, OutputStream out, long maxBytes, String uri) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            copied += n;
            if (copied > maxBytes) {
                throw new Refused("corpus " + uri + " is larger than the cap of " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }
}
