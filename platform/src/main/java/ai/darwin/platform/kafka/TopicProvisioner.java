package ai.darwin.platform.kafka;

import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Waits for a broker and creates Darwin's topics that it lacks, with the contract's partition counts. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * @param bootstrapServers the broker
     * @param replication      replication factor (1 on a single node)
     * @param timeout          how long to wait for the broker to answer
     * @return the names of the topics created now (existing ones are left as they are)
     */
    public static List<String> provision(String bootstrapServers, short replication, Duration timeout)
            throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = awaitTopicNames(admin, deadline);
            List<Topic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name())).toList();
            for (Topic topic : missing) {
                create(admin, new NewTopic(topic.name(), topic.partitions(), replication)
                        .configs(Map.of("min.insync.replicas", "1")));
            }
            awaitServed(admin, deadline);
            return missing.stream().map(Topic::name).toList();
        }
    }

    private static Set<String> awaitTopicNames(Admin admin, Instant deadline) throws InterruptedException {
        while (true) {
            try {
                return admin.listTopics().names().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no Kafka broker answered before the deadline", e);
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * Waits until the broker serves every topic. A creation returns once the controller has the topic, and the
     * broker serves it a moment later: describing the topics at once, right after a fresh KRaft node had created
     * them, failed with UnknownTopicOrPartition in 2 of 3 tries.
     */
    private static void awaitServed(Admin admin, Instant deadline) throws InterruptedException {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the broker does not serve Darwin's topics: " + e.getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
            }
        }
    }
}
