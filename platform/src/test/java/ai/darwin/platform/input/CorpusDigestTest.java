package ai.darwin.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Sha256;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusDigestTest {

    private static final DatasetSources SOURCES = new DatasetSources(List.of("http"), List.of("127.0.0.1"), List.of());

    @Test
    void aFileAndAUrlAreDigestedUpToTheCap(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("corpus.txt"), "to be or not to be");
        HttpServer server = serve("y".repeat(4096));
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/corpus.txt";

            assertThat(CorpusDigest.of(file.toString(), 100, SOURCES)).isEqualTo(Sha256.of(file));
            assertThat(CorpusDigest.of(file.toUri().toString(), 100, SOURCES)).isEqualTo(Sha256.of(file));
            assertThat(CorpusDigest.of(url, 4096, SOURCES)).isEqualTo(Sha256.of("y".repeat(4096)));
            assertThatThrownBy(() -> CorpusDigest.of(url, 4095, SOURCES)).hasMessageContaining("larger than the cap of 4095");
            assertThatThrownBy(() -> CorpusDigest.of(file.toString(), 10, SOURCES)).hasMessageContaining("larger than the cap");
            assertThatThrownBy(() -> CorpusDigest.of(dir.resolve("missing.txt").toString(), 10, SOURCES))
                    .hasMessageContaining("not a readable file");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRedirectOutsideTheAllowListIsNotDigested() throws IOException {
        HttpServer server = serve("y");
        server.createContext("/away", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/corpus.txt");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/away";

            assertThatThrownBy(() -> CorpusDigest.of(url, 4096, SOURCES)).isInstanceOf(DatasetDownload.Refused.class)
                    .hasMessageContaining("host 'localhost' is not allowed");
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer serve(String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/corpus.txt", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
