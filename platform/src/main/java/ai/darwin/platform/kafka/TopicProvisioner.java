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
        return provision(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new Layout(replication, 1, Map.of()), timeout);
    }

    /**
     * @param client  the admin client's settings: bootstrap servers, and a secured cluster's TLS and SASL settings
     * @param layout  replication, in-sync replicas and partition counts
     * @param timeout how long to wait for the broker to answer
     * @return the names of the topics created now (existing ones are left as they are)
     */
    public static List<String> provision(Map<String, ?> client, Layout layout, Duration timeout)
            throws InterruptedException {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = awaitTopicNames(admin, deadline);
            List<Topic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t.name())).toList();
            for (Topic topic : missing) {
                create(admin, new NewTopic(topic.name(), layout.partitions(topic), layout.replication())
                        .configs(Map.of("min.insync.replicas", Integer.toString(layout.minInSyncReplicas()))));
            }
            awaitServed(admin, deadline);
            return missing.stream().map(Topic::name).toList();
        }
    }

    /**
     * How the topics are laid out on a cluster.
     *
     * @param replication       copies of each partition
     * @param minInSyncReplicas copies a write must reach (at most {@code replication})
     * @param partitions        partition counts that replace the contract's, by topic name; a consumer group
     *                          cannot have more busy members than its topic has partitions
     */
    public record Layout(short replication, int minInSyncReplicas, Map<String, Integer> partitions) {

        public Layout {
            if (replication < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replication) {
                throw new IllegalArgumentException("replication " + replication + " with " + minInSyncReplicas
                        + " in sync: want 1 <= in sync <= replication");
            }
            partitions = Map.copyOf(partitions);
            for (Map.Entry<String, Integer> entry : partitions.entrySet()) {
                if (Topics.ALL.stream().noneMatch(topic -> topic.name().equals(entry.getKey())) || entry.getValue() < 1) {
                    throw new IllegalArgumentException("no partitions " + entry.getValue() + " for " + entry.getKey()
                            + ": not one of Darwin's topics, or not a count");
                }
            }
        }

        int partitions(Topic topic) {
            return partitions.getOrDefault(topic.name(), topic.partitions());
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
