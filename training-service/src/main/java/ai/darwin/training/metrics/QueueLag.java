package ai.darwin.training.metrics;

import ai.darwin.events.Topics;
import ai.darwin.platform.metrics.PolledGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The training consumer group's lag on the variants topic: over its partitions, the end offset less the group's
 * committed offset (the whole partition where the group has committed nothing yet). It counts the variants proposed
 * that no worker has finished, the one each worker is training included, since a variant is committed only once its
 * result is on the broker. Asked of the broker every 15 s by an admin client, not on the scrape: one worker's number
 * is the whole group's, the same on every replica.
 */
@ApplicationScoped
public class QueueLag {

    public static final String NAME = "darwin.training.queue.lag";
    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final long TIMEOUT_SECONDS = 10;

    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final String group;
    private Admin admin;
    private PolledGauge gauge;

    QueueLag(MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafka,
             @ConfigProperty(name = "mp.messaging.incoming.variants.group.id") String group) {
        this.registry = registry;
        this.kafka = kafka;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "training-queue-lag-" + ProcessHandle.current().pid());
        admin = Admin.create(settings);
        gauge = new PolledGauge(registry, NAME, "Variants proposed that the training group has not finished",
                Tags.of("group", group, "topic", Topics.VARIANTS.name()),
                () -> lag(admin, group, Topics.VARIANTS.name()), INTERVAL);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (gauge != null) {
            gauge.close();
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** @return the group's lag on the topic; empty when the broker did not answer in time */
    public static OptionalLong lag(Admin admin, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return OptionalLong.of(lag);
        } catch (ExecutionException | TimeoutException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
