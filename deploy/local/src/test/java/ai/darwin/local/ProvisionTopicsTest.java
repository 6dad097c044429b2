package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Topics;
import ai.darwin.platform.kafka.TopicProvisioner.Layout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics Job's settings: the services' KAFKA_* variables for the client, and the topics' layout. */
class ProvisionTopicsTest {

    @Test
    void theClientTakesTheServicesVariablesAndNothingElseNamedKafka() {
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9096",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                // what Kubernetes sets for a Service named kafka: not a client setting
                "KAFKA_PORT", "tcp://10.0.0.7:9092",
                "KAFKA_SERVICE_HOST", "10.0.0.7",
                "DARWIN_TOPICS_REPLICATION_FACTOR", "3");
        assertThat(ProvisionTopics.client(Options.parse(new String[0]), environment)).isEqualTo(Map.of(
                "bootstrap.servers", "broker:9096",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "ssl.truststore.type", "PEM"));
        assertThat(ProvisionTopics.client(Options.parse(new String[] {"--bootstrap", "other:9092"}), environment))
                .containsEntry("bootstrap.servers", "other:9092");
        assertThat(ProvisionTopics.client(Options.parse(new String[0]), Map.of()))
                .isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void replicationInSyncAndPartitionsAreSettingsWithSingleNodeDefaults() {
        Options none = Options.parse(new String[0]);
        assertThat(ProvisionTopics.layout(none, Map.of())).isEqualTo(new Layout((short) 1, 1, Map.of()));
        assertThat(ProvisionTopics.layout(none, Map.of("DARWIN_TOPICS_REPLICATION_FACTOR", "3")))
                .as("all copies but one in sync").isEqualTo(new Layout((short) 3, 2, Map.of()));
        Layout layout = ProvisionTopics.layout(Options.parse(new String[] {"--replication-factor", "3",
                "--min-insync-replicas", "3"}), Map.of("DARWIN_TOPICS_REPLICATION_FACTOR", "1",
                "DARWIN_TOPICS_PARTITIONS", Topics.VARIANTS.name() + "=48, " + Topics.RUNS.name() + "=6"));
        assertThat(layout).isEqualTo(new Layout((short) 3, 3,
                Map.of(Topics.VARIANTS.name(), 48, Topics.RUNS.name(), 6)));
    }

    @Test
    void aLayoutThatCannotHoldIsRefused() {
        Options none = Options.parse(new String[0]);
        assertThatThrownBy(() -> ProvisionTopics.layout(none, Map.of("DARWIN_TOPICS_MIN_INSYNC_REPLICAS", "2")))
                .as("more in sync than copies").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProvisionTopics.layout(none, Map.of("DARWIN_TOPICS_PARTITIONS", "darwin.typo.v1=3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("darwin.typo.v1");
        assertThatThrownBy(() -> ProvisionTopics.layout(none, Map.of("DARWIN_TOPICS_PARTITIONS",
                Topics.VARIANTS.name() + "=0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProvisionTopics.layout(none, Map.of("DARWIN_TOPICS_PARTITIONS",
                Topics.VARIANTS.name()))).isInstanceOf(IllegalArgumentException.class);
    }
}
