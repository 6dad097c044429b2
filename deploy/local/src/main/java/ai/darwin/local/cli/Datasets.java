package ai.darwin.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Makes a run's corpus a local, checksummed file: a URL is fetched once into {@code .darwin/data}. */
public final class Datasets {

    private Datasets() {
    }

    /** @return the absolute path of the corpus, after checking its SHA-256 when one is expected */
    public static String resolve(String dataset, String sha256, Path cache) throws IOException, InterruptedException {
        Path file;
        if (dataset.startsWith("http://") || dataset.startsWith("https://")) {
            String name = dataset.substring(dataset.lastIndexOf('/') + 1);
            file = cache.resolve(name.isBlank() ? "corpus.txt" : name);
            if (!Files.exists(file) || (sha256 != null && !sha256.equals(sha256(file)))) {
                Files.createDirectories(cache);
                System.out.println("Fetching " + dataset);
                HttpResponse<InputStream> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(20)).build()
                        .send(HttpRequest.newBuilder(URI.create(dataset)).build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("cannot fetch " + dataset + ": HTTP " + response.statusCode());
                }
                Path partial = cache.resolve(file.getFileName() + ".part");
                try (InputStream in = response.body()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            file = Path.of(dataset.startsWith("file:") ? URI.create(dataset).getPath() : dataset).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no dataset at " + file);
            }
        }
        if (sha256 != null) {
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new IllegalStateException("dataset " + file + " has SHA-256 " + actual + ", expected " + sha256);
            }
        }
        return file.normalize().toString();
    }

    /** @return the default corpus: the workspace's tiny Shakespeare when present, else char-rnn's URL */
    public static String defaultCorpus(Path repository) {
        Path shared = repository.resolve("../shared/data/tinyshakespeare.txt").normalize();
        return Files.exists(shared) ? shared.toString() : RunOptions.TINYSHAKESPEARE_URL;
    }

    /** @return the default corpus's SHA-256 */
    public static String defaultSha256(Path repository) {
        return RunOptions.TINYSHAKESPEARE_SHA256;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
