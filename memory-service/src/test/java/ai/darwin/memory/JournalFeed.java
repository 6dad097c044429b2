package ai.darwin.memory;

import static org.awaitility.Awaitility.await;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.memory.messaging.EventJournalConsumer;
import ai.darwin.memory.store.EventJournal;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Feeds a run's events to the journal's in-memory channel and waits until all of them are journaled. */
final class JournalFeed {

    private JournalFeed() {
    }

    /** The run stays unfinished (no RunCompleted), so that RetentionTest, which shares this store, never purges it. */
    static void deliver(InMemoryConnector connector, EventJournal journal, String runId, List<DarwinEvent> all) {
        InMemorySource<ConsumerRecord<String, String>> source = connector.source(EventJournalConsumer.CHANNEL);
        List<DarwinEvent> events = all.stream().filter(e -> !(e instanceof RunCompleted)).toList();
        for (DarwinEvent event : events) {
            source.send(new ConsumerRecord<>(ScriptedRun.topic(event), 0, 0, event.runId(), EventCodec.write(event)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> journal.count(runId) == events.size());
    }
}
