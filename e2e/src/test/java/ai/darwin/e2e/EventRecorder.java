package ai.darwin.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Records every contract event on Darwin's topics, as an outside subscriber would; survives broker restarts. */
final class EventRecorder implements AutoCloseable {

    private final List<DarwinEvent> events = new CopyOnWriteArrayList<>();
    /** The trace ids (W3C traceparent) that each event's records carried, by event id: a resent event may have several. */
    private final Map<String, Set<String>> traceIds = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    EventRecorder(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "e2e-recorder-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Topics.ALL.stream().filter(t -> t != Topics.DEAD_LETTERS).map(Topic::name).toList());
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            DarwinEvent event = EventCodec.readAny(record.value());
                            Header traceparent = record.headers().lastHeader("traceparent");
                            if (traceparent != null) {
                                // version-traceid-parentid-flags
                                String traceId = new String(traceparent.value(), UTF_8).split("-")[1];
                                traceIds.computeIfAbsent(event.eventId(), id -> ConcurrentHashMap.newKeySet())
                                        .add(traceId);
                            }
                            events.add(event);
                        } catch (MalformedEventException ignored) {
                            // the contract's dead letters are not this recorder's business
                        }
                    }
                }
            }
        }, "e2e-event-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    <T extends DarwinEvent> List<T> of(Class<T> type, String runId) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.runId().equals(runId)).toList();
    }

    /** The ids of the traces that the event's records carried; empty when none carried a traceparent. */
    Set<String> traceIds(DarwinEvent event) {
        return traceIds.getOrDefault(event.eventId(), Set.of());
    }

    List<DarwinEvent> all(String runId) {
        return events.stream().filter(e -> e.runId().equals(runId)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
