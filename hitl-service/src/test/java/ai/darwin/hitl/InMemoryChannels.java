package ai.darwin.hitl;

import ai.darwin.hitl.messaging.EventConsumer;
import ai.darwin.hitl.messaging.EventPublisher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.util.HashMap;
import java.util.Map;

/**
 * Every channel of hitl-service on SmallRye's in-memory connector, for the fast tests. Test classes that name this
 * resource and {@link ai.darwin.testing.MongoServerResource} share one application.
 */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(EventConsumer.CHANNEL));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(EventPublisher.INTERVENTIONS,
                EventPublisher.APPROVALS, EventPublisher.RUNS));
        // no broker in the fast tests: keep the Kafka admin health check from waiting for one
        config.put("quarkus.kafka.health.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
