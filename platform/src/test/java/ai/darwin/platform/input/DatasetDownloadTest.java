package ai.darwin.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An allowed host that redirects: hops inside the allow-list are followed, and every hop outside it (another host,
 * another port, a file, one hop too many) is refused before anything connects to it.
 */
class DatasetDownloadTest {

    private HttpServer allowed;
    private HttpServer internal;
    private final AtomicInteger internalHits = new AtomicInteger();
    private String origin;

    @BeforeEach
    void servers() throws IOException {
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            internalHits.incrementAndGet();
            answer(exchange, 200, "internal secrets");
        });
        internal.start();
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin = "http://127.0.0.1:" + allowed.getAddress().getPort();
        allowed.createContext("/corpus.txt", exchange -> answer(exchange, 200, "to be or not to be"));
        redirect("/relative", "/corpus.txt");
        redirect("/to-localhost", "http://localhost:" + allowed.getAddress().getPort() + "/corpus.txt");
        redirect("/to-other-port", "http://127.0.0.1:" + internal.getAddress().getPort() + "/");
        redirect("/to-file", "file:///etc/passwd");
        redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
        redirect("/loop", "/loop");
        for (int i = 1; i <= DatasetDownload.MAX_REDIRECTS + 1; i++) {
            redirect("/chain/" + i, i == 1 ? "/corpus.txt" : "/chain/" + (i - 1));
        }
        allowed.start();
    }

    @AfterEach
    void stop() {
        allowed.stop(0);
        internal.stop(0);
    }

    @Test
    void redirectsInsideTheAllowListAreFollowed() throws IOException {
        DatasetDownload download = download("127.0.0.1", "localhost");

        assertThat(read(download, "/relative")).isEqualTo("to be or not to be");
        assertThat(read(download, "/to-localhost")).isEqualTo("to be or not to be");
        assertThat(read(download, "/chain/" + DatasetDownload.MAX_REDIRECTS)).isEqualTo("to be or not to be");
    }

    @Test
    void aRedirectOutsideTheAllowListIsRefusedBeforeItConnects() {
        DatasetDownload download = download("127.0.0.1");

        assertThatThrownBy(() -> read(download, "/to-localhost")).isInstanceOf(DatasetDownload.Refused.class)
                .hasMessageContaining("redirects to 'http://localhost:").hasMessageContaining("host 'localhost'");
        assertThatThrownBy(() -> read(download, "/to-metadata")).isInstanceOf(DatasetDownload.Refused.class)
                .hasMessageContaining("host '169.254.169.254' is not allowed");
        assertThatThrownBy(() -> read(download, "/to-file")).isInstanceOf(DatasetDownload.Refused.class)
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> read(download, "/to-other-port")).isInstanceOf(DatasetDownload.Refused.class)
                .hasMessageContaining("port " + internal.getAddress().getPort());
        assertThat(internalHits).hasValue(0);
    }

    @Test
    void moreThanFiveRedirectsAreRefused() {
        DatasetDownload download = download("127.0.0.1");

        assertThatThrownBy(() -> read(download, "/loop")).isInstanceOf(DatasetDownload.Refused.class)
                .hasMessageContaining("more than " + DatasetDownload.MAX_REDIRECTS);
        assertThatThrownBy(() -> read(download, "/chain/" + (DatasetDownload.MAX_REDIRECTS + 1)))
                .isInstanceOf(DatasetDownload.Refused.class);
    }

    @Test
    void theNamedUrlItselfMustBeAllowed() {
        assertThatThrownBy(() -> read(download("localhost"), "/corpus.txt"))
                .isInstanceOf(DatasetDownload.Refused.class).hasMessageContaining("host '127.0.0.1'");
    }

    private DatasetDownload download(String... hosts) {
        return new DatasetDownload(new DatasetSources(List.of("http"), List.of(hosts), List.of()),
                Duration.ofSeconds(10));
    }

    private String read(DatasetDownload download, String path) throws IOException {
        try (InputStream body = download.open(origin + path).body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void redirect(String path, String location) {
        allowed.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                answer(exchange, 404, "");
                return;
            }
            exchange.getResponseHeaders().add("Location", location);
            answer(exchange, 302, "");
        });
    }

    private static void answer(HttpExchange exchange, int status, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
