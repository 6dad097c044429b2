package ai.darwin.training.worker;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topics;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.training.TrainingStarted;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * What the whole consumer group has done with each variant, read back from the topics: which variants have a
 * result (so a redelivered one is not trained twice) and how often each was started (the attempt number of the
 * next start). A consumer outside any group follows the results and progress topics from their beginning; a
 * worker asks it to {@link #awaitCaughtUp catch up} before it decides, so that every result the broker acknowledged
 * before the question is counted.
 */
@ApplicationScoped
public class VariantLedger {

    private static final Logger LOG = Logger.getLogger(VariantLedger.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String STARTED_TYPE = "\"TrainingStarted\"";

    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Variant id to the event ids of its TrainingStarted events: re-reading or a duplicate counts once. */
    private final Map<String, Set<String>> starts = new ConcurrentHashMap<>();
    private final List<CompletableFuture<Void>> pendingCatchUps = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> firstCatchUp = new CompletableFuture<>();
    private final Map<String, Object> kafka;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    @Inject
    VariantLedger(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        pendingCatchUps.add(firstCatchUp);
        thread = new Thread(this::follow, "darwin-variant-ledger");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether a result for the variant was published (by any worker) */
    public boolean hasResult(String variantId) {
        return finished.contains(variantId);
    }

    /** @return how many times a worker announced it started the variant */
    public int starts(String variantId) {
        return starts.getOrDefault(variantId, Set.of()).size();
    }

    /** Records a result this worker's broker acknowledged, before it comes back from the topic. */
    public void recordResult(String variantId) {
        finished.add(variantId);
        starts.remove(variantId);
    }

    /** @return whether the ledger has read everything published before the first catch-up since start */
    public boolean caughtUpOnce() {
        return firstCatchUp.isDone();
    }

    /**
     * Waits until the ledger has read every record the topics held when it was called.
     *
     * @return false when that took longer than the timeout
     */
    public boolean awaitCaughtUp(Duration timeout) {
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        pendingCatchUps.add(caughtUp);
        // the follower may sit in a poll with nothing to read: wake it, so that a worker's decision waits for a
        // round trip to the broker, not for the poll to time out
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            pendingCatchUps.remove(caughtUp);
        }
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> client = new KafkaConsumer<>(consumerConfig())) {
                consumer = client;
                List<TopicPartition> partitions = assign(client);
                while (running) {
                    try {
                        readOnce(client);
                    } catch (WakeupException e) {
                        // a worker asked for a catch-up: answer it now rather than after another poll
                        stopIfStopping(e);
                    }
                    catchUp(client, partitions);
                }
            } catch (WakeupException e) {
                // stopping
            } catch (KafkaException e) {
                LOG.warnf("the variant ledger lost the broker (%s); reading again from the beginning", e.toString());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "darwin-variant-ledger-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a catch-up waits for this consumer's next fetch: a broker holding an empty fetch for the default 500 ms
        // showed up in every variant's dispatch time
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /** Assigns every partition of both topics, waiting for the topics to exist. */
    private List<TopicPartition> assign(KafkaConsumer<String, String> client) {
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean both = true;
            for (String topic : List.of(Topics.TRAINING_RESULTS.name(), Topics.TRAINING_PROGRESS.name())) {
                List<PartitionInfo> infos = partitionsFor(client, topic);
                both &= infos != null && !infos.isEmpty();
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (both) {
                client.assign(partitions);
                client.seekToBeginning(partitions);
                return partitions;
            }
            LOG.infof("waiting for the topics %s and %s", Topics.TRAINING_RESULTS.name(),
                    Topics.TRAINING_PROGRESS.name());
            pause();
        }
        throw new WakeupException();
    }

    private List<PartitionInfo> partitionsFor(KafkaConsumer<String, String> client, String topic) {
        try {
            return client.partitionsFor(topic, Duration.ofSeconds(10));
        } catch (WakeupException e) {
            stopIfStopping(e);
            return List.of();
        }
    }

    private void readOnce(KafkaConsumer<String, String> client) {
        for (ConsumerRecord<String, String> record : client.poll(POLL)) {
            read(record);
        }
    }

    private void read(ConsumerRecord<String, String> record) {
        String value = record.value();
        if (value == null) {
            return;
        }
        try {
            if (record.topic().equals(Topics.TRAINING_RESULTS.name())) {
                recordResult(EventCodec.read(value, TrainingResult.class).variantId());
            } else if (value.contains(STARTED_TYPE)
                    && EventCodec.read(value, TrainingProgressEvent.class) instanceof TrainingStarted started
                    && !finished.contains(started.variantId())) {
                starts.computeIfAbsent(started.variantId(), id -> ConcurrentHashMap.newKeySet()).add(started.eventId());
            }
        } catch (MalformedEventException e) {
            // not ours to judge: the consumers of these topics dead-letter it
        }
    }

    /** Answers the pending catch-ups; a wake-up by a newer one restarts the answer, one by {@link #stop} ends it. */
    private void catchUp(KafkaConsumer<String, String> client, List<TopicPartition> partitions) {
        while (running) {
            try {
                completeCatchUps(client, partitions);
                return;
            } catch (WakeupException e) {
                stopIfStopping(e);
            }
        }
    }

    private void stopIfStopping(WakeupException e) {
        if (!running) {
            throw e;
        }
    }

    /** Completes the catch-ups whose targets (the end offsets when first seen here) were reached. */
    private void completeCatchUps(KafkaConsumer<String, String> client, List<TopicPartition> partitions) {
        if (pendingCatchUps.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> waiting = List.copyOf(pendingCatchUps);
        Map<TopicPartition, Long> ends = client.endOffsets(partitions);
        while (!reached(client, ends)) {
            if (!running) {
                return;
            }
            readOnce(client);
        }
        waiting.forEach(future -> future.complete(null));
        pendingCatchUps.removeAll(waiting);
    }

    private static boolean reached(KafkaConsumer<String, String> client, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (client.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
