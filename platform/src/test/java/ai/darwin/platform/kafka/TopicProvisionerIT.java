package ai.darwin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Topics;
import ai.darwin.platform.kafka.TopicProvisioner.Layout;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The topics Job's layout reaches a real KRaft broker: partition counts replacing the contract's, in-sync replicas. */
class TopicProvisionerIT {

    /** The broker and the clients log every setting at INFO; held here, since loggers are held weakly. */
    static final List<Logger> QUIET = List.of("org.apache.kafka", "kafka", "state.change.logger")
            .stream().map(Logger::getLogger).toList();

    @Test
    void theLayoutsPartitionsAndInSyncReplicasAreTheTopics() throws Exception {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        int port = freePort();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().withNodeId(0).withKafkaHost("127.0.0.1")
                .withKafkaPort(port).withControllerPort(freePort()).start()) {
            Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
            Layout layout = new Layout((short) 1, 1, Map.of(Topics.VARIANTS.name(), 48));
            List<String> created = TopicProvisioner.provision(client, layout, Duration.ofSeconds(60));
            assertThat(created).hasSameSizeAs(Topics.ALL);

            Properties properties = new Properties();
            properties.putAll(client);
            try (Admin admin = Admin.create(properties)) {
                Map<String, TopicDescription> topics = admin.describeTopics(created).allTopicNames().get();
                assertThat(topics.get(Topics.VARIANTS.name()).partitions()).hasSize(48);
                assertThat(topics.get(Topics.RUNS.name()).partitions()).hasSize(Topics.RUNS.partitions());
                ConfigResource runs = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RUNS.name());
                Config config = admin.describeConfigs(List.of(runs)).all().get().get(runs);
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
            }
            // existing topics are left as they are
            assertThat(TopicProvisioner.provision(client, new Layout((short) 1, 1, Map.of()), Duration.ofSeconds(60)))
                    .isEmpty();
        }
    }

    @Test
    void aLayoutOfNoTopicOrNoCountIsRefused() {
        assertThatThrownBy(() -> new Layout((short) 1, 2, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Layout((short) 0, 1, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Layout((short) 1, 1, Map.of("darwin.other.v1", 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Layout((short) 1, 1, Map.of(Topics.RUNS.name(), 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
