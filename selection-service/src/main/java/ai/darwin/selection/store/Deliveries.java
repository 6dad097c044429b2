package ai.darwin.selection.store;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's at-least-once bookkeeping: the ids of the events it handled (each is handled once) and the events it has
 * yet to see acknowledged by the broker (published with the next save, kept until then). Part of {@link RunState},
 * stored in the same document under the same field names.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Deliveries {

    private Set<String> handledEventIds = new LinkedHashSet<>();
    /** Encoded events not yet acknowledged by the broker, oldest first. */
    private List<String> outbox = new ArrayList<>();

    /** @return false if an event with this id was handled before: handle it once */
    public boolean markHandled(String eventId) {
        return handledEventIds.add(eventId);
    }

    /** Queues an event to publish with the next save. */
    public void queue(DarwinEvent event) {
        outbox.add(EventCodec.write(event));
    }

    public List<String> queued() {
        return Collections.unmodifiableList(outbox);
    }

    /** The broker has the oldest {@code count} queued events. */
    public void acknowledged(int count) {
        outbox.subList(0, count).clear();
    }
}
