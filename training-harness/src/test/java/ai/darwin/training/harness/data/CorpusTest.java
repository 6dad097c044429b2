package ai.darwin.training.harness.data;

import ai.darwin.training.harness.TestCorpora;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusTest {

    @Test
    void readsALocalFileAndChecksItsSha256() throws IOException {
        Corpus corpus = Corpus.load(TestCorpora.shakespeare());

        assertThat(corpus.text()).startsWith("First Citizen:");
        assertThat(corpus.sha256()).isEqualTo(TestCorpora.SHAKESPEARE_SHA256);
    }

    @Test
    void readsAFileUri(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.txt"), "to be or not to be");

        assertThat(Corpus.load(CorpusSource.of(file.toUri().toString())).text()).isEqualTo("to be or not to be");
    }

    @Test
    void rejectsAWrongChecksum() {
        CorpusSource wrong = new CorpusSource(TestCorpora.shakespearePath().toString(), "0".repeat(64));

        assertThatThrownBy(() -> Corpus.load(wrong)).isInstanceOf(IOException.class)
                .hasMessageContaining(TestCorpora.SHAKESPEARE_SHA256);
    }

    @Test
    void rejectsTextThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});

        assertThatThrownBy(() -> Corpus.load(CorpusSource.of(file.toString()))).hasMessageContaining("not UTF-8");
    }

    @Test
    void downloadsAnHttpUrl() throws IOException {
        byte[] body = "a corpus served over HTTP".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/corpus.txt", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            String sha256 = Corpus.sha256(body);

            assertThat(Corpus.load(new CorpusSource(url + "/corpus.txt", sha256)).text())
                    .isEqualTo("a corpus served over HTTP");
            assertThatThrownBy(() -> Corpus.load(CorpusSource.of(url + "/missing.txt")))
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
