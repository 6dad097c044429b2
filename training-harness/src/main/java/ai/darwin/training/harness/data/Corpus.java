package ai.darwin.training.harness.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/** A training corpus: UTF-8 text read from a file or URL, checked against its SHA-256 when one is given. */
public record Corpus(String text, String sha256) {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Reads a corpus.
     *
     * @throws IOException when it cannot be read, is not UTF-8 text, or its checksum differs
     */
    public static Corpus load(CorpusSource source) throws IOException {
        byte[] bytes = read(source.uri());
        String actual = sha256(bytes);
        if (source.sha256() != null && !source.sha256().equals(actual)) {
            throw new IOException("corpus " + source.uri() + " has SHA-256 " + actual + ", expected "
                    + source.sha256());
        }
        return new Corpus(decode(bytes, source.uri()), actual);
    }

    private static byte[] read(String uri) throws IOException {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return download(URI.create(uri));
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
        return Files.readAllBytes(path);
    }

    private static byte[] download(URI uri) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(DOWNLOAD_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    private static String decode(byte[] bytes, String uri) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("corpus " + uri + " is not UTF-8 text", e);
        }
    }

    /**
     * The services compute their digests with events' {@code Sha256}; the harness has its own, since it runs in the
     * training child, whose classpath holds only the SDK, the harness and DJL.
     */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
