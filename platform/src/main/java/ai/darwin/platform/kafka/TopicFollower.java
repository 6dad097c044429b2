package ai.darwin.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads topics as a table rather than as work from a queue: every partition, from the beginning, then on as records
 * arrive, each record handed to one handler on the follower's own thread. It has no consumer group and commits
 * nothing, since every instance of a service needs all of it and a group would split it. A caller that must decide
 * on everything published so far {@link #awaitCaughtUp waits for a catch-up}. When the consumer fails (the broker
 * went away, a request timed out) it connects again and goes on from where it had read, so a handler sees a record
 * again only where the broker lost its log.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    /** How long a poll waits when nothing arrives; a catch-up wakes it at once, so this bounds nobody's latency. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final String name;
    private final Map<String, Object> config;
    private final List<String> topics;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private final List<CompletableFuture<Void>> pendingCatchUps = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> firstCatchUp = new CompletableFuture<>();
    /** The next offset to read of each partition read from so far: a reconnect goes on from there. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private long records;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param name    the thread's name and the client id's prefix
     * @param kafka   the Kafka client settings (bootstrap servers, security); a group id in them is ignored
     * @param topics  the topics to follow; the follower waits for them to exist
     * @param handler called with each record, in order within a partition, on the follower's thread; what it
     *                throws is logged and the record skipped
     */
    public TopicFollower(String name, Map<String, ?> kafka, List<String> topics,
                         Consumer<ConsumerRecord<String, String>> handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + ProcessHandle.current().pid());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the deployment creates the topics with their contract partition counts; a follower that starts first
        // must wait for them, not have the broker create them with its defaults
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a catch-up waits for this consumer's next fetch: a broker holding an empty fetch for the default 500 ms
        // showed up in every variant's dispatch time (training-service's ledger asks before each variant)
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.config = Map.copyOf(settings);
    }

    /** Starts following on a daemon thread; the first catch-up is requested at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " was already started");
        }
        running = true;
        pendingCatchUps.add(firstCatchUp);
        thread = new Thread(this::follow, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops following; catch-ups still waiting are answered with false. */
    @Override
    public void close() {
        running = false;
        wake();
        Thread following;
        synchronized (this) {
            following = thread;
        }
        if (following != null) {
            try {
                following.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IllegalStateException closed = new IllegalStateException(name + " was closed");
        pendingCatchUps.forEach(pending -> pending.completeExceptionally(closed));
    }

    /** @return whether everything the topics held at start has been read */
    public boolean caughtUpOnce() {
        return firstCatchUp.isDone() && !firstCatchUp.isCompletedExceptionally();
    }

    /** @return completes once everything the topics held at start has been read; fails if closed before */
    public CompletionStage<Void> firstCatchUp() {
        return firstCatchUp.copy();
    }

    /**
     * Waits until every record the topics held when this was called has been handed to the handler.
     *
     * @return false when that took longer than the timeout, or the follower is closed
     */
    public boolean awaitCaughtUp(Duration timeout) {
        if (!running) {
            return false;
        }
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        pendingCatchUps.add(caughtUp);
        // the follower may sit in a poll with nothing to read: wake it, so that the caller waits for a round trip
        // to the broker, not for the poll to time out
        wake();
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

    private void wake() {
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> client = new KafkaConsumer<>(config)) {
                consumer = client;
                List<TopicPartition> partitions = assign(client);
                while (running) {
                    readOnce(client);
                    catchUp(client, partitions);
                }
            } catch (WakeupException e) {
                // stopping; a wake-up while running is answered where it can happen
            } catch (RuntimeException e) {
                LOG.warnf("%s lost the broker (%s); connecting again", name, e.toString());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * Assigns every partition of the topics, waiting for them to exist, and goes on where the last connection had
     * read, or from the beginning.
     */
    private List<TopicPartition> assign(KafkaConsumer<String, String> client) {
        while (running) {
            List<TopicPartition> partitions = partitions(client);
            if (partitions != null) {
                client.assign(partitions);
                List<TopicPartition> unread = new ArrayList<>();
                for (TopicPartition partition : partitions) {
                    Long position = positions.get(partition);
                    if (position == null) {
                        unread.add(partition);
                    } else {
                        client.seek(partition, position);
                    }
                }
                client.seekToBeginning(unread);
                return partitions;
            }
        }
        throw new WakeupException();
    }

    /** @return every partition of the topics, or null when one does not exist yet or a catch-up interrupted */
    private List<TopicPartition> partitions(KafkaConsumer<String, String> client) {
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            for (String topic : topics) {
                List<PartitionInfo> infos = client.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    LOG.infof("%s is waiting for the topic %s", name, topic);
                    pause();
                    return null;
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            return partitions;
        } catch (WakeupException e) {
            stopIfStopping(e);
            return null;
        }
    }

    private void readOnce(KafkaConsumer<String, String> client) {
        try {
            for (ConsumerRecord<String, String> record : client.poll(POLL)) {
                handle(record);
            }
        } catch (WakeupException e) {
            // a caller asked for a catch-up: answer it now rather than after another poll
            stopIfStopping(e);
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            LOG.warnf("%s skipped record %d of %s-%d: %s", name, record.offset(), record.topic(), record.partition(),
                    e.toString());
        }
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        records++;
    }

    /**
     * Answers every pending catch-up, including those asked for meanwhile; a wake-up by a newer one restarts the
     * answer, one by {@link #close} ends it.
     */
    private void catchUp(KafkaConsumer<String, String> client, List<TopicPartition> partitions) {
        while (running && !pendingCatchUps.isEmpty()) {
            try {
                completeCatchUps(client, partitions);
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

    /** Completes the catch-ups waiting now, once the end offsets fetched now are reached. */
    private void completeCatchUps(KafkaConsumer<String, String> client, List<TopicPartition> partitions) {
        List<CompletableFuture<Void>> waiting = List.copyOf(pendingCatchUps);
        Map<TopicPartition, Long> ends = client.endOffsets(partitions);
        while (!reached(client, ends)) {
            if (!running) {
                return;
            }
            readOnce(client);
        }
        if (!firstCatchUp.isDone() && waiting.contains(firstCatchUp)) {
            LOG.infof("%s read %d records of %s", name, records, topics);
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
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
