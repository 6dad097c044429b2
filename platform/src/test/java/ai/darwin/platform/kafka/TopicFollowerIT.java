package ai.darwin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The follower against a real KRaft broker in this JVM, which one test stops and starts again on its own data. */
class TopicFollowerIT {

    static final String CLUSTER_ID = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    static Path logDir;
    static int kafkaPort;
    static int controllerPort;
    static EmbeddedKafkaBroker broker;
    static String bootstrapServers;

    /** The broker and the clients log every setting at INFO; held here, since loggers are held weakly. */
    static final List<Logger> QUIET = List.of("org.apache.kafka", "kafka", "state.change.logger")
            .stream().map(Logger::getLogger).toList();

    final List<TopicFollower> followers = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws IOException {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        logDir = Files.createTempDirectory("topic-follower-it");
        kafkaPort = freePort();
        controllerPort = freePort();
        broker = newBroker().start();
        bootstrapServers = "127.0.0.1:" + kafkaPort;
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeFollowers() {
        followers.forEach(TopicFollower::close);
    }

    @Test
    void readsEveryPartitionFromTheBeginningBeforeItFirstCatchesUp() throws Exception {
        String topic = createTopic(3);
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            produced.add("record-" + i);
        }
        produce(topic, produced.toArray(String[]::new));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TopicFollower follower = follow(topic, record -> seen.add(record.value()), Map.of());

        follower.start();
        follower.firstCatchUp().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(follower.caughtUpOnce()).isTrue();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(produced);
    }

    @Test
    void aCatchUpReturnsOnlyOnceEveryRecordProducedBeforeItWasSeen() {
        String topic = createTopic(3);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TopicFollower follower = started(follow(topic, record -> seen.add(record.value()), Map.of()));

        for (int i = 0; i < 20; i++) {
            produce(topic, "record-" + i);
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            assertThat(seen).as("after catch-up %d", i).contains("record-" + i);
        }
    }

    /**
     * training-service asks before every variant, mostly when nothing is new: a follower that waits for its poll to
     * time out (200 ms), or a broker that holds its empty fetch for the default 500 ms, shows up in every
     * variant's dispatch time. Woken on demand with a 50 ms fetch wait, a catch-up takes a round trip or two.
     */
    @Test
    void aCatchUpWithNothingNewTakesARoundTripNotAPoll() {
        String topic = createTopic(3);
        produce(topic, "record");
        TopicFollower follower = started(follow(topic, record -> { }, Map.of()));
        List<Long> millis = new ArrayList<>();

        for (int i = 0; i < 21; i++) {
            long start = System.nanoTime();
            assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
            millis.add((System.nanoTime() - start) / 1_000_000);
            sleep(Duration.ofMillis(30));
        }

        Collections.sort(millis);
        assertThat(millis.get(millis.size() / 2)).as("median catch-up in ms, all: %s", millis).isLessThan(120);
    }

    @Test
    void aRecordItsHandlerRejectsIsSkippedAndTheRestRead() {
        String topic = createTopic(1);
        produce(topic, "first", "poison", "last");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TopicFollower follower = started(follow(topic, record -> {
            if (record.value().equals("poison")) {
                throw new IllegalArgumentException("not an event");
            }
            seen.add(record.value());
        }, Map.of()));

        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(seen).containsExactly("first", "last");
    }

    @Test
    void waitsForItsTopicToBeCreatedAndNeverCreatesItItself() throws Exception {
        String topic = "follower-" + UUID.randomUUID();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TopicFollower follower = follow(topic, record -> seen.add(record.value()), Map.of());
        follower.start();
        Thread.sleep(1500);
        assertThat(follower.caughtUpOnce()).isFalse();

        createTopic(topic, 3);
        produce(topic, "first");

        follower.firstCatchUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(seen).containsExactly("first");
    }

    @Test
    void goesOnFromWhereItWasAfterTheBrokerRestarts() {
        String topic = createTopic(3);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        // requests time out after 2 s rather than the default minute, so that the outage below fails the consumer
        TopicFollower follower = started(follow(topic, record -> seen.add(record.value()),
                Map.of(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                        CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 1500)));
        produce(topic, "before");
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

        broker.close();
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(3))).as("a catch-up without a broker").isFalse();
        sleep(Duration.ofSeconds(3));
        broker = newBroker().start();
        produce(topic, "after");

        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
        assertThat(seen).containsExactly("before", "after");
    }

    @Test
    void closingAnswersWaitingCallersAndEndsTheThread() {
        String topic = createTopic(1);
        TopicFollower follower = started(follow(topic, record -> { }, Map.of()));

        follower.close();

        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(10))).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals(threadName(topic))));
    }

    private TopicFollower follow(String topic, Consumer<ConsumerRecord<String, String>> handler,
                                 Map<String, Object> settings) {
        Map<String, Object> kafka = new HashMap<>(settings);
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        kafka.put(ConsumerConfig.GROUP_ID_CONFIG, "must-be-ignored");
        TopicFollower follower = new TopicFollower(threadName(topic), kafka, List.of(topic), handler);
        followers.add(follower);
        return follower;
    }

    private static TopicFollower started(TopicFollower follower) {
        follower.start();
        assertThat(follower.awaitCaughtUp(Duration.ofSeconds(30))).as("first catch-up").isTrue();
        return follower;
    }

    private static String threadName(String topic) {
        return "follower-of-" + topic;
    }

    private static String createTopic(int partitions) {
        String topic = "follower-" + UUID.randomUUID();
        createTopic(topic, partitions);
        return topic;
    }

    private static void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    /** Sends the values round-robin over the topic's partitions and waits until the broker has each. */
    private static void produce(String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            int partitions = producer.partitionsFor(topic).size();
            for (int i = 0; i < values.length; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, values[i])).get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    /** The same node, ports and data every time, so that a restart finds its topics and records again. */
    private static EmbeddedKafkaBroker newBroker() {
        return new EmbeddedKafkaBroker().withNodeId(0).withClusterId(CLUSTER_ID)
                .withKafkaHost("127.0.0.1").withKafkaPort(kafkaPort).withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> {
                    props.put("log.dir", logDir.toString());
                    props.put("offsets.topic.num.partitions", "1");
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
