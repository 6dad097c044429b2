package ai.darwin.local;

import ai.darwin.platform.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.List;

/**
 * Waits for the broker and creates Darwin's topics it lacks.
 *
 * <p>Usage: {@code ProvisionTopics --bootstrap 127.0.0.1:9092 --timeout 60}
 */
public final class ProvisionTopics {

    private ProvisionTopics() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String bootstrap = options.get("bootstrap", "127.0.0.1:9092");
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.get("timeout", "60")));
        try {
            List<String> created = TopicProvisioner.provision(bootstrap, (short) 1, timeout);
            System.out.println(created.isEmpty() ? "topics: all present" : "topics created: " + String.join(", ", created));
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
