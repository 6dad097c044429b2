package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.Topics;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The subscriber examples of deploy/examples read the metrics topic of the real local broker (bin/kafka.sh) and
 * print one line per variant. What they read is the AsyncAPI document's own examples, published as a Darwin
 * service publishes them: the event's JSON as value (through {@link EventCodec}), the CloudEvents attributes as
 * headers, the variant id as key.
 */
class SubscriberExamplesIT {

    private static final Path BIN = Path.of(System.getProperty("darwin.local.bin", "bin"));
    private static final Path EXAMPLES = BIN.resolveSibling("../examples").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;
    private static Map<String, String> env;
    private static String bootstrap;

    @BeforeAll
    static void startBrokerAndPublishResults() throws Exception {
        int port = freePort();
        env = Map.of("DARWIN_HOME", home.toString(), "DARWIN_KAFKA_PORT", String.valueOf(port),
                "DARWIN_KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
        bootstrap = "127.0.0.1:" + port;
        Result started = exec(120, List.of("bash", BIN.resolve("kafka.sh").toString(), "start"));
        assertThat(started.exitCode()).as(started.output()).isZero();

        JsonNode completed = documentedExample(EventType.TRAINING_COMPLETED);
        publish(completed, TrainingCompleted.class);
        publish(completed, TrainingCompleted.class); // at least once: a redelivery of the same result
        publish(documentedExample(EventType.TRAINING_FAILED), TrainingFailed.class);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        exec(120, List.of("bash", BIN.resolve("kafka.sh").toString(), "stop"));
    }

    @Test
    void pythonSubscriberPrintsOneLinePerVariant() throws Exception {
        String python = pythonWithConfluentKafka();
        assumeTrue(python != null, "SKIPPED: no python3 with confluent_kafka here; apt-get install "
                + "python3-confluent-kafka (.ci/run does) to run the Python subscriber example");

        Result result = exec(90, List.of(python, EXAMPLES.resolve("training_results.py").toString(),
                "--bootstrap", bootstrap, "--group", "python-example-it", "--from-beginning",
                "--max-results", "2", "--idle-timeout", "60"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).containsExactlyInAnyOrder(
                "COMPLETED\trun-4f1c9e2a\t3\tv-0003-a0\tval_bpb=1.4023\ttokens/s=68250.5\tmfu=1.3712"
                        + "\tflags=MFU_ABOVE_PEAK",
                "FAILED\trun-4f1c9e2a\t3\tv-0003-a1\tOUT_OF_MEMORY\tCUDA out of memory: tried to allocate 2.00 GiB");
    }

    @Test
    void kcatSubscriberPrintsTheResultsWithTheirType() throws Exception {
        assumeTrue(onPath("kcat"), "SKIPPED: no kcat here; apt-get install kcat (.ci/run does) to run the kcat example");

        // kcat's balanced consumer never exits by itself: the script runs until the timeout ends it
        Result result = exec(90, List.of("timeout", "20", "bash",
                EXAMPLES.resolve("training-results.kcat.sh").toString(), bootstrap,
                "-X", "auto.offset.reset=earliest"));

        List<String> lines = result.output().lines().toList();
        assertThat(lines).as(result.output()).hasSize(3);
        assertThat(lines).filteredOn(line -> line.startsWith("v-0003-a0\tai.darwin.TrainingCompleted.v1\t{"))
                .hasSize(2);
        assertThat(lines).filteredOn(line -> line.startsWith("v-0003-a1\tai.darwin.TrainingFailed.v1\t{"))
                .singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line.split("\t")[2]).path("failureClass").asText())
                        .isEqualTo("OUT_OF_MEMORY"));
    }

    /** The example of a message in contract/asyncapi.yaml (events' jar): its headers and payload. */
    private static JsonNode documentedExample(EventType type) throws IOException {
        try (InputStream in = EventCodec.class.getClassLoader().getResourceAsStream("contract/asyncapi.yaml")) {
            Object document = new Yaml().load(in);
            return JSON.valueToTree(document).at("/components/messages/" + type.typeName() + "/examples/0");
        }
    }

    private static void publish(JsonNode example, Class<? extends DarwinEvent> type) throws Exception {
        DarwinEvent event = EventCodec.read(JSON.writeValueAsString(example.path("payload")), type);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TRAINING_RESULTS.name(),
                Topics.keyOf(event), EventCodec.write(event));
        example.path("headers").fields().forEachRemaining(header -> record.headers().add(header.getKey(),
                header.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** Debian's python3-confluent-kafka lives in the system python, which a pyenv or venv on PATH may hide. */
    private static String pythonWithConfluentKafka() throws Exception {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if ((python.startsWith("/") || onPath(python))
                    && exec(30, List.of(python, "-c", "import confluent_kafka")).exitCode() == 0) {
                return python;
            }
        }
        return null;
    }

    private static boolean onPath(String command) throws Exception {
        return exec(10, List.of("bash", "-c", "command -v " + command)).exitCode() == 0;
    }

    private static Result exec(int timeoutSeconds, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (env != null) {
            builder.environment().putAll(env);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException notThere) {
            return new Result(127, notThere.getMessage());
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
