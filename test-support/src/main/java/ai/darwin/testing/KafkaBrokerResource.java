package ai.darwin.testing;

import ai.darwin.platform.kafka.TopicProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kafka broker for tests: the one named by {@code KAFKA_BOOTSTRAP_SERVERS} when that is set (CI, or a
 * broker started with {@code deploy/local/bin/kafka.sh}), otherwise a single-node KRaft broker in this JVM on
 * 127.0.0.1. Darwin's topics are created with their contract partition counts either way.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;
    private static String bootstrapServers;

    /** The broker's address, for tests that read and write topics themselves. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external;
            } else {
                broker = new EmbeddedKafkaBroker().withNodeId(0)
                        .withKafkaHost("127.0.0.1").withKafkaPort(FreePorts.next()).withControllerPort(FreePorts.next())
                        .withDeleteLogDirsOnClose(true)
                        .withAdditionalProperties(props -> {
                            props.put("group.initial.rebalance.delay.ms", "0");
                            // the default of 50 partitions costs seconds on every fresh broker
                            props.put("offsets.topic.num.partitions", "4");
                        });
                broker.start();
                bootstrapServers = broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
            }
            try {
                TopicProvisioner.provision(bootstrapServers, (short) 1, Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return bootstrapServers;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(),
                // the in-JVM broker logs through the application's log manager: keep its chatter out of test output
                "quarkus.log.category.\"kafka\".level", "WARN",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                "quarkus.log.category.\"state.change.logger\".level", "WARN");
    }

    @Override
    public void stop() {
        // the broker is shared by every test class of the JVM and dies with it
    }
}
