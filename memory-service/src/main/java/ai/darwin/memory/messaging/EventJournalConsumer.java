package ai.darwin.memory.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.memory.metrics.JournalMetrics;
import ai.darwin.memory.store.EventJournal;
import ai.darwin.memory.store.JournalEntry;
import ai.darwin.memory.store.Projections;
import ai.darwin.platform.messaging.VariantSpans;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads every Darwin topic, journals each event once and keeps the queryable views up to date. A record that is not a valid contract event is nacked,
 * so the connector moves it to the dead-letter topic with the reason, and consumption goes on. Each event is journaled
 * in a span that continues the trace its record carried (a variant's, for the variant's events), so a variant's trace
 * shows when its events reached the journal.
 */
@ApplicationScoped
public class EventJournalConsumer {

    /** The channel over all of Darwin's topics but the dead letters. */
    public static final String CHANNEL = "journal";

    private static final Logger LOG = Logger.getLogger(EventJournalConsumer.class);
    private static final ObjectMapper JSON = EventCodec.mapper();

    private final EventJournal journal;
    private final Projections projections;
    @Inject
    JournalMetrics metrics;
    @Inject
    Tracer tracer;

    EventJournalConsumer(EventJournal journal, Projections projections) {
        this.journal = journal;
        this.projections = projections;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<ConsumerRecord<String, String>> message) {
        return VariantSpans.handle(tracer, message, record -> EventCodec.readAny(record.value()),
                (event, trace) -> journal(message.getPayload(), event));
    }

    private void journal(ConsumerRecord<String, String> record, DarwinEvent event) {
        Map<String, Object> payload = JSON.convertValue(JSON.valueToTree(event), new TypeReference<>() { });
        boolean stored = journal.record(new JournalEntry(event.eventId(), EventType.of(event).typeName(),
                event.runId(), event.timestamp(), record.topic(), record.partition(), record.offset(), payload));
        metrics.journaled(event, stored);
        if (!stored) {
            LOG.debugf("event %s already journaled (redelivery)", event.eventId());
        }
        // applied on redeliveries too: a crash between the journal and the projections loses nothing
        projections.apply(event);
    }
}
