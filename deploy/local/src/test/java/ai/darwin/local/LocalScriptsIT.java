package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher scripts start, stop and restart a broker and a store that keep their data. */
class LocalScriptsIT {

    private static final Path BIN = Path.of(System.getProperty("darwin.local.bin", "bin"));

    @TempDir
    Path home;

    @Test
    void theBrokerKeepsItsTopicsAndRecordsAcrossARestart() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("DARWIN_HOME", home.toString(), "DARWIN_KAFKA_PORT", String.valueOf(port),
                "DARWIN_KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
        String bootstrap = "127.0.0.1:" + port;
        try {
            assertThat(run(env, "kafka.sh", "start")).contains("Kafka ready on " + bootstrap);
            assertThat(run(env, "kafka.sh", "start")).contains("already running");
            assertThat(partitions(bootstrap)).isEqualTo(expectedPartitions());
            produce(bootstrap, "run-1", "kept across restarts");

            assertThat(run(env, "kafka.sh", "stop")).contains("Kafka stopped");
            assertThat(runExpectingFailure(env, "kafka.sh", "status")).contains("not running");

            assertThat(run(env, "kafka.sh", "start")).contains("topics: all present");
            assertThat(partitions(bootstrap)).isEqualTo(expectedPartitions());
            assertThat(consumeAll(bootstrap)).containsExactly("kept across restarts");
        } finally {
            run(env, "kafka.sh", "stop");
        }
    }

    @Test
    void theStoreKeepsItsDocumentsAcrossARestart() throws Exception {
        int port = freePort();
        Map<String, String> env = Map.of("DARWIN_HOME", home.toString(), "DARWIN_MONGO_PORT", String.valueOf(port));
        String uri = "mongodb://127.0.0.1:" + port;
        try {
            assertThat(run(env, "mongo.sh", "start")).contains("ready on " + uri);
            try (MongoClient client = MongoClients.create(uri)) {
                collection(client).insertOne(new Document("_id", "v1").append("valBpb", 1.42));
            }
            run(env, "mongo.sh", "restart");
            try (MongoClient client = MongoClients.create(uri)) {
                Document kept = collection(client).find(new Document("_id", "v1")).first();
                assertThat(kept).isNotNull();
                assertThat(kept.getDouble("valBpb")).isEqualTo(1.42);
            }
            assertThat(Files.exists(home.resolve("mongo/darwin.mv"))).isTrue();
        } finally {
            run(env, "mongo.sh", "stop");
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("darwin-test").getCollection("variants");
    }

    private static Map<String, Integer> expectedPartitions() {
        Map<String, Integer> expected = new HashMap<>();
        for (Topic topic : Topics.ALL) {
            expected.put(topic.name(), topic.partitions());
        }
        return expected;
    }

    private static Map<String, Integer> partitions(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, Integer> partitions = new HashMap<>();
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.ALL.stream().map(Topic::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            topics.forEach((name, description) -> partitions.put(name, description.partitions().size()));
            return partitions;
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUNS.name(), key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "local-scripts-it");
        props.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RUNS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String run(Map<String, String> env, String script, String command) throws Exception {
        Result result = exec(env, script, command);
        assertThat(result.exitCode()).as(script + " " + command + " said:\n" + result.output()).isZero();
        return result.output();
    }

    private static String runExpectingFailure(Map<String, String> env, String script, String command)
            throws Exception {
        Result result = exec(env, script, command);
        assertThat(result.exitCode()).as(script + " " + command + " said:\n" + result.output()).isNotZero();
        return result.output();
    }

    private static Result exec(Map<String, String> env, String script, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", BIN.resolve(script).toString(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + command + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exitCode, String output) {
    }
}
