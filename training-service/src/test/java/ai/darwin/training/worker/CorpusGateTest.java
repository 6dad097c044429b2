package ai.darwin.training.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Sha256;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.training.TrainedCorpus;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.input.DatasetSources;
import ai.darwin.training.Variants;
import ai.darwin.training.sandbox.Corpora;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every corpus a worker reads passes the allow-list, and an approved extra its size cap and checksum. */
class CorpusGateTest {

    private static final long CAP = 1024;

    @TempDir
    Path data;
    @TempDir
    Path cache;
    private Path own;
    private CorpusGate gate;

    @BeforeEach
    void corpora() throws IOException {
        own = Files.writeString(data.resolve("own.txt"), "the run's own corpus");
        DatasetSources sources = new DatasetSources(List.of("file", "http"), List.of("127.0.0.1"),
                List.of(data.toString()));
        gate = new CorpusGate(new Corpora(cache, sources), sources, CAP);
    }

    @Test
    void aVariantTrainsOnTheExtrasOfItsLineageAndSaysWhich() throws Exception {
        ExtraCorpus forRun = extra("run.txt", "for everyone", null);
        ExtraCorpus forMe = extra("mine.txt", "for agent-2", "agent-2");
        ExtraCorpus forOther = extra("other.txt", "for agent-9", "agent-9");

        CorpusGate.Mixture mixture = gate.resolve(variant(List.of(forRun, forMe, forOther)));

        assertThat(mixture.trained()).containsExactly(
                new TrainedCorpus(own.toString(), Sha256.of(own), null),
                new TrainedCorpus(forRun.uri(), forRun.sha256(), forRun.requestId()),
                new TrainedCorpus(forMe.uri(), forMe.sha256(), forMe.requestId()));
        assertThat(mixture.extras()).extracting(e -> e.source().uri())
                .containsExactly(forRun.uri(), forMe.uri());
        assertThat(mixture.extras()).extracting(e -> e.weight()).containsExactly(2, 2);
    }

    @Test
    void aDatasetOutsideTheAllowListIsRefusedEvenWhenTheVariantNamesItDirectly() {
        VariantProposed hostile = Variants.variant("run-1", "v-1", "class P {}", new TrainingBudget(64, 0), null,
                new DatasetSpec("/etc/passwd", null, "char", 0.1));

        assertThatThrownBy(() -> gate.resolve(hostile)).isInstanceOf(CorpusGate.Refused.class)
                .hasMessageContaining("/etc/passwd").hasMessageContaining("not allowed");
    }

    @Test
    void anExtraOutsideTheAllowListIsRefused() {
        ExtraCorpus forbidden = new ExtraCorpus("/etc/hostname", "a".repeat(64), 1, null, "apr-1");

        assertThatThrownBy(() -> gate.resolve(variant(List.of(forbidden)))).isInstanceOf(CorpusGate.Refused.class)
                .hasMessageContaining("/etc/hostname");
    }

    @Test
    void anExtraSwappedAfterApprovalIsRefused() throws Exception {
        ExtraCorpus approved = extra("swapped.txt", "what the human approved", null);
        Files.writeString(Path.of(approved.uri()), "what an attacker put there later");

        assertThatThrownBy(() -> gate.resolve(variant(List.of(approved)))).isInstanceOf(CorpusGate.Refused.class)
                .hasMessageContaining("expected " + approved.sha256());
    }

    @Test
    void anExtraAboveTheCapIsRefused() throws Exception {
        ExtraCorpus large = extra("large.txt", "x".repeat((int) CAP + 1), null);

        assertThatThrownBy(() -> gate.resolve(variant(List.of(large)))).isInstanceOf(CorpusGate.Refused.class)
                .hasMessageContaining("above the cap of " + CAP);
    }

    @Test
    void aDownloadStopsAtTheCap() throws Exception {
        byte[] body = "y".repeat((int) CAP * 4).getBytes();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/big.txt", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/big.txt";
            ExtraCorpus big = new ExtraCorpus(url, Sha256.hex(Sha256.newDigest().digest(body)), 1, null, "apr-1");

            assertThatThrownBy(() -> gate.resolve(variant(List.of(big)))).isInstanceOf(CorpusGate.Refused.class)
                    .hasMessageContaining("larger than the cap of " + CAP);
            try (var cached = Files.list(cache)) {
                assertThat(cached).isEmpty();
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDownloadRedirectedOutsideTheAllowListIsRefused() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/moved.txt", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/moved.txt");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/moved.txt";
            ExtraCorpus moved = new ExtraCorpus(url, "a".repeat(64), 1, null, "apr-1");

            assertThatThrownBy(() -> gate.resolve(variant(List.of(moved)))).isInstanceOf(CorpusGate.Refused.class)
                    .hasMessageContaining("host 'localhost' is not allowed");
        } finally {
            server.stop(0);
        }
    }

    private VariantProposed variant(List<ExtraCorpus> extras) {
        return Variants.variant("run-1", "v-1", "class P {}", new TrainingBudget(64, 0), null,
                new DatasetSpec(own.toString(), null, "char", 0.1, extras));
    }

    private ExtraCorpus extra(String name, String text, String agentId) throws IOException {
        Path file = Files.writeString(data.resolve(name), text);
        return new ExtraCorpus(file.toString(), Sha256.of(file), 2, agentId, "apr-" + name);
    }
}
