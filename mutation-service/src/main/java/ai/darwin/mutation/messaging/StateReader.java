package ai.darwin.mutation.messaging;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.run.RunEvent;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.CostLedger;
import ai.darwin.mutation.state.PublishedVariants;
import ai.darwin.mutation.state.RunRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The state mutation-service keeps, read from the topics rather than a database: run configurations (runs),
 * upgrade requests and decisions (approvals), and the variants already published with their cost (variants). At
 * start it reads every partition of the three topics from the beginning, then follows them.
 *
 * <p>This is a table read, not work taken from a queue, so it is a plain consumer assigned to every partition, with
 * no group and no commits: every instance needs all of it, and a consumer group would split it. Records it cannot
 * read are skipped (their own consumers dead-letter them). Generations wait for the first catch-up, up to
 * {@code darwin.mutation.read-back-timeout}, so that a redelivered generation after a restart sees what was
 * already published.
 */
@ApplicationScoped
public class StateReader {

    private static final Logger LOG = Logger.getLogger(StateReader.class);
    private static final List<String> TOPICS = List.of(Topics.RUNS.name(), Topics.APPROVALS.name(),
            Topics.VARIANTS.name());

    private final MutationConfig config;
    private final String bootstrapServers;
    private final RunRegistry runs;
    private final Approvals approvals;
    private final PublishedVariants published;
    private final CostLedger ledger;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    StateReader(MutationConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                RunRegistry runs, Approvals approvals, PublishedVariants published, CostLedger ledger) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.runs = runs;
        this.approvals = approvals;
        this.published = published;
        this.ledger = ledger;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.readBack()) {
            caughtUp.complete(null);
            return;
        }
        thread = new Thread(this::run, "mutation-state-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Completes once the topics were read up to where they ended at start, or after the read-back timeout. */
    public CompletionStage<Void> ready() {
        return caughtUp.copy().completeOnTimeout(null, config.readBackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "mutation-service-state-reader");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long records = 0;
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(properties)) {
            consumer = reader;
            List<TopicPartition> partitions = partitions(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    apply(record.topic(), record.value());
                    records++;
                }
                if (!caughtUp.isDone() && ends.entrySet().stream()
                        .allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                    LOG.infof("read back %d records of %s", records, TOPICS);
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("state reader woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("state reader stopped: proposals go on without read-back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            caughtUp.complete(null);
        }
    }

    /** Waits until the broker answers and the topics exist (the deployment creates them). */
    private List<TopicPartition> partitions(KafkaConsumer<String, String> reader) throws InterruptedException {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean all = true;
            try {
                for (String topic : TOPICS) {
                    List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
                    all &= infos != null && !infos.isEmpty();
                    if (infos != null) {
                        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    }
                }
            } catch (TimeoutException e) {
                all = false;
            }
            if (all) {
                return partitions;
            }
            LOG.infof("waiting for the broker and the topics %s", TOPICS);
            Thread.sleep(1000);
        }
        return List.of();
    }

    void apply(String topic, String value) {
        try {
            if (topic.equals(Topics.RUNS.name())) {
                if (EventCodec.read(value, RunEvent.class) instanceof RunRequested request) {
                    runs.onRunRequested(request);
                }
            } else if (topic.equals(Topics.APPROVALS.name())) {
                ApprovalEvent event = EventCodec.read(value, ApprovalEvent.class);
                if (event instanceof ApprovalRequested request) {
                    approvals.onRequested(request);
                } else if (event instanceof ApprovalDecided decided) {
                    approvals.onDecided(decided);
                }
            } else if (topic.equals(Topics.VARIANTS.name())) {
                VariantProposed variant = EventCodec.read(value, VariantProposed.class);
                if (variant.kind() == AssignmentKind.MUTATE) {
                    published.add(variant.variantId());
                    ledger.settle(variant.runId(), variant.variantId(), variant.usage().costUsd());
                }
            }
        } catch (MalformedEventException e) {
            LOG.debugf("skipped a record of %s: %s", topic, e.getMessage());
        }
    }
}
