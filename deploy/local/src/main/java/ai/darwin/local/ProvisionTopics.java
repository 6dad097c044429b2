package ai.darwin.local;

import ai.darwin.platform.kafka.TopicProvisioner;
import ai.darwin.platform.kafka.TopicProvisioner.Layout;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Waits for the broker and creates Darwin's topics it lacks.
 *
 * <p>Usage: {@code ProvisionTopics [--bootstrap 127.0.0.1:9092] [--timeout 60] [--replication-factor 1]
 * [--min-insync-replicas N] [--partitions darwin.variants.v1=48,...]}. Each option falls back on an environment
 * variable ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code DARWIN_TOPICS_REPLICATION_FACTOR},
 * {@code DARWIN_TOPICS_MIN_INSYNC_REPLICAS}, {@code DARWIN_TOPICS_PARTITIONS}); a secured cluster's TLS and SASL
 * settings come from the services' own {@code KAFKA_*} variables ({@link KafkaEnvironment}).
 */
public final class ProvisionTopics {

    private ProvisionTopics() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, String> environment = System.getenv();
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout", "60")));
        try {
            List<String> created = TopicProvisioner.provision(client(options, environment),
                    layout(options, environment), timeout);
            System.out.println(created.isEmpty() ? "topics: all present" : "topics created: " + String.join(", ", created));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** The admin client's settings: the environment's, and the bootstrap servers the command line names. */
    static Map<String, Object> client(Options options, Map<String, String> environment) {
        Map<String, Object> client = KafkaEnvironment.clientSettings(environment);
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("bootstrap",
                environment.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")));
        return client;
    }

    /** Replication 1 (a single node) unless told; a write then needs all copies but one, and at least one. */
    static Layout layout(Options options, Map<String, String> environment) {
        short replication = Short.parseShort(setting(options, environment, "replication-factor", "1"));
        int inSync = Integer.parseInt(setting(options, environment, "min-insync-replicas",
                Integer.toString(Math.max(1, replication - 1))));
        Map<String, Integer> partitions = new HashMap<>();
        for (String entry : setting(options, environment, "partitions", "").split(",")) {
            if (!entry.isBlank()) {
                int equals = entry.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("partitions: want topic=count, got '" + entry + "'");
                }
                partitions.put(entry.substring(0, equals).trim(), Integer.parseInt(entry.substring(equals + 1).trim()));
            }
        }
        return new Layout(replication, inSync, partitions);
    }

    /** {@code --name}, else {@code DARWIN_TOPICS_NAME}, else the fallback. */
    private static String setting(Options options, Map<String, String> environment, String name, String fallback) {
        return options.get(name, environment.getOrDefault(
                "DARWIN_TOPICS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), fallback));
    }
}
