package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Sha256;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus that cannot be had is said in one line that names the URL and the way round it: --dataset FILE. */
class DatasetsTest {

    static final String SHA = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    @TempDir
    Path cache;

    @Test
    void aUrlThatCannotBeReachedIsNamedWithTheWayRoundIt() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/data/tinyshakespeare/input.txt";

        assertThatThrownBy(() -> Datasets.resolve(url, SHA, cache)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("could not fetch the dataset " + url + " (")
                .hasMessageContaining("ConnectException")
                .hasMessageContaining("./darwin run --dataset FILE (its SHA-256 must be " + SHA + ")");
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void aServerThatAnswersWithAnErrorIsNamedToo() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/gone.txt";

            assertThatThrownBy(() -> Datasets.resolve(url, null, cache))
                    .hasMessage("could not fetch the dataset " + url + " (the server answered HTTP 404).\n"
                            + "  Fetch it where there is network and pass the file: ./darwin run --dataset FILE");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFetchedCorpusIsKeptAndCheckedAndAFileIsTakenAsItIs() throws Exception {
        byte[] corpus = "To be, or not to be".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, corpus.length);
            exchange.getResponseBody().write(corpus);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hamlet.txt";
            String sha = Sha256.of("To be, or not to be");

            String path = Datasets.resolve(url, sha, cache);

            assertThat(Path.of(path)).hasBinaryContent(corpus).hasFileName("hamlet.txt");
            assertThat(Datasets.resolve(path, sha, cache)).isEqualTo(path);
            assertThatThrownBy(() -> Datasets.resolve(path, SHA, cache)).hasMessageContaining("expected " + SHA);
            assertThatThrownBy(() -> Datasets.resolve(cache.resolve("none.txt").toString(), null, cache))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--dataset: no file at ");
        } finally {
            server.stop(0);
        }
        assertThat(Files.list(cache)).hasSize(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
