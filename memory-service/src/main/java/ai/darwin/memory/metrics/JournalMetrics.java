package ai.darwin.memory.metrics;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The events this service journaled, by event type, and the redeliveries it recognised (see the README's metrics
 * table). Not tagged by run: the journal is every run's, and the type is a bounded set.
 */
@ApplicationScoped
public class JournalMetrics {

    public static final String JOURNALED = "darwin.memory.events.journaled";
    public static final String REDELIVERED = "darwin.memory.events.redelivered";

    private final MeterRegistry registry;

    JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param stored false for a redelivery of an event journaled already */
    public void journaled(DarwinEvent event, boolean stored) {
        registry.counter(stored ? JOURNALED : REDELIVERED, "type", EventType.of(event).typeName()).increment();
    }
}
