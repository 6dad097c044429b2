package ai.darwin.memory;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.EventCodec;
import ai.darwin.testing.FreePorts;
import ai.darwin.testing.KafkaBrokerResource;
import ai.darwin.testing.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service logs text by default and one JSON object per line with DARWIN_LOG_JSON=true (quarkus-logging-json, as
 * every service has it): memory-service started as its own process both ways.
 */
class JsonLogsIT {

    static final ObjectMapper JSON = EventCodec.mapper();
    static MongoServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", FreePorts.next());
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdownNow();
    }

    @Test
    void logsOneJsonObjectPerLineOnlyWhenAsked() throws IOException {
        List<String> json = startAndRead(Map.of("DARWIN_LOG_JSON", "true"), Path.of("target/json-logs-it-json.log"));
        assertThat(json).isNotEmpty();
        for (String line : json) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.hasNonNull("timestamp") && entry.hasNonNull("level") && entry.hasNonNull("message"))
                    .as(line).isTrue();
        }
        assertThat(json).anySatisfy(line -> assertThat(JSON.readTree(line).path("message").asText())
                .contains("started in"));

        List<String> text = startAndRead(Map.of(), Path.of("target/json-logs-it-text.log"));
        assertThat(text).anySatisfy(line -> assertThat(line).contains("INFO").contains("started in")
                .doesNotStartWith("{"));
    }

    private static List<String> startAndRead(Map<String, String> more, Path log) throws IOException {
        Files.deleteIfExists(log);
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerResource.bootstrapServers(),
                "MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort()));
        environment.putAll(more);
        try (ServiceProcess memory = new ServiceProcess(Path.of("target/quarkus-app/quarkus-run.jar"), environment,
                log)) {
            memory.start(Duration.ofSeconds(90));
            memory.stop();
        }
        // the JVM's own warnings (before logging starts) are not the service's log
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("WARNING:") && !line.startsWith("OpenJDK")).toList();
    }
}
