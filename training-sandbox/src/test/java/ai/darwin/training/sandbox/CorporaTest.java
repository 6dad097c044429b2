package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Sha256;
import ai.darwin.platform.input.DatasetSources;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's download follows a redirect only inside the dataset allow-list: an allowed host that points it at
 * another host is refused (the variant fails with DATASET_REFUSED), nothing is fetched from there, nothing is cached.
 */
class CorporaTest {

    private static final String TEXT = "to be or not to be";

    @TempDir
    Path cache;
    private HttpServer server;
    private final AtomicInteger corpusHits = new AtomicInteger();
    private String origin;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        origin = "http://127.0.0.1:" + port;
        server.createContext("/corpus.txt", exchange -> {
            corpusHits.incrementAndGet();
            byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        redirect("/inside", "/corpus.txt");
        redirect("/outside", "http://localhost:" + port + "/corpus.txt");
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRedirectInsideTheAllowListIsFollowedAndCached() throws IOException {
        Path local = corpora().local(origin + "/inside", Sha256.of(TEXT), 1024);

        assertThat(Files.readString(local)).isEqualTo(TEXT);
        assertThat(local.getParent()).isEqualTo(cache);
    }

    @Test
    void aRedirectToAnotherHostIsRefusedAndNothingIsFetchedOrCached() throws IOException {
        assertThatThrownBy(() -> corpora().local(origin + "/outside", null, 1024))
                .isInstanceOf(Corpora.Refused.class).hasMessageContaining("host 'localhost' is not allowed");
        assertThat(corpusHits).hasValue(0);
        try (var cached = Files.list(cache)) {
            assertThat(cached).isEmpty();
        }
    }

    private Corpora corpora() {
        return new Corpora(cache, new DatasetSources(List.of("http"), List.of("127.0.0.1"), List.of()));
    }

    private void redirect(String path, String location) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }
}
