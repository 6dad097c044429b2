package ai.darwin.local;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka client's settings from environment variables, named as the services name them: Quarkus gives every
 * variable that starts with {@code KAFKA_} to its Kafka clients, lower-cased, without the prefix, with dots for
 * underscores ({@code KAFKA_SECURITY_PROTOCOL} is {@code security.protocol}, {@code KAFKA_SASL_JAAS_CONFIG}
 * {@code sasl.jaas.config}). The tools image reads the same variables, so one set configures a whole deployment.
 * Only the admin client's own settings are taken: Kubernetes also sets {@code KAFKA_PORT} and the like for a
 * Service named kafka.
 */
final class KafkaEnvironment {

    private static final String PREFIX = "kafka_";
    private static final Set<String> ADMIN_SETTINGS = AdminClientConfig.configNames();

    private KafkaEnvironment() {
    }

    static Map<String, Object> clientSettings(Map<String, String> environment) {
        Map<String, Object> settings = new TreeMap<>();
        environment.forEach((variable, value) -> {
            String name = variable.toLowerCase(Locale.ROOT);
            if (name.startsWith(PREFIX)) {
                String setting = name.substring(PREFIX.length()).replace('_', '.');
                if (ADMIN_SETTINGS.contains(setting)) {
                    settings.put(setting, value);
                }
            }
        });
        return settings;
    }
}
