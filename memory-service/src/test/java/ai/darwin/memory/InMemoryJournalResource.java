package ai.darwin.memory;

import ai.darwin.memory.messaging.EventJournalConsumer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/** Switches the journal channel to SmallRye's in-memory connector for the fast tests. */
public class InMemoryJournalResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(
                InMemoryConnector.switchIncomingChannelsToInMemory(EventJournalConsumer.CHANNEL));
        // no broker in the fast tests: keep the Kafka admin health check from waiting for one
        config.put("quarkus.kafka.health.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
