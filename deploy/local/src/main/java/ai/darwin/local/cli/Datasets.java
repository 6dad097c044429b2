package ai.darwin.local.cli;

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
import java.time.Duration;

/** Makes a run's corpus a local, checksummed file: a URL is fetched once into {@code .darwin/data}. */
public final class Datasets {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Datasets() {
    }

    /**
     * @return the absolute path of the corpus, after checking its SHA-256 when one is expected
     * @throws IllegalStateException naming the URL that could not be fetched and what to do instead
     * @throws IllegalArgumentException when a local file does not exist
     */
    public static String resolve(String dataset, String sha256, Path cache) throws IOException, InterruptedException {
        Path file;
        if (dataset.startsWith("http://") || dataset.startsWith("https://")) {
            String name = dataset.substring(dataset.lastIndexOf('/') + 1);
            file = cache.resolve(name.isBlank() ? "corpus.txt" : name);
            if (!Files.exists(file) || (sha256 != null && !sha256.equalsIgnoreCase(Sha256.of(file)))) {
                Files.createDirectories(cache);
                System.out.println("Fetching " + dataset);
                fetch(dataset, sha256, file);
            }
        } else {
            file = Path.of(dataset.startsWith("file:") ? URI.create(dataset).getPath() : dataset).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--dataset: no file at " + file);
            }
        }
        if (sha256 != null) {
            String actual = Sha256.of(file);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new IllegalStateException("dataset " + file + " has SHA-256 " + actual + ", expected " + sha256);
            }
        }
        return file.normalize().toString();
    }

    /** @return the corpus without --dataset (run-defaults.properties): the local copy when present, else its URL */
    public static String defaultCorpus(Path repository) {
        RunDefaults defaults = RunDefaults.load();
        Path local = repository.resolve(defaults.get("default-dataset.file")).normalize();
        return Files.exists(local) ? local.toString() : defaults.get("default-dataset.url");
    }

    /** @return the default corpus's SHA-256 */
    public static String defaultSha256() {
        return RunDefaults.load().get("default-dataset.sha256");
    }

    private static void fetch(String url, String sha256, Path file) throws IOException, InterruptedException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw cannotFetch(url, sha256, "the server answered HTTP " + response.statusCode());
                }
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw cannotFetch(url, sha256, reason(e));
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One line that says what failed and what to do, instead of a stack trace a user cannot act on. */
    private static IllegalStateException cannotFetch(String url, String sha256, String reason) {
        return new IllegalStateException("could not fetch the dataset " + url + " (" + reason + ").\n"
                + "  Fetch it where there is network and pass the file: ./darwin run --dataset FILE"
                + (sha256 == null ? "" : " (its SHA-256 must be " + sha256 + ")"));
    }

    /** The innermost cause that says something: a ConnectException's own message is often null. */
    private static String reason(Throwable e) {
        String reason = e.getClass().getSimpleName();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return reason;
    }
}
