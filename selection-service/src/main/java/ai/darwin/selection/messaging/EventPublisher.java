package ai.darwin.selection.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventType;
import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import ai.darwin.platform.messaging.EventMessages;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes selection-service's events, each to its contract topic. */
@ApplicationScoped
public class EventPublisher {

    public static final String RUNS = "runs-out";
    public static final String GENERATIONS = "generations-out";
    public static final String VARIANTS = "variants-out";
    static final String SERVICE = "selection-service";

    private final Map<Topic, Emitter<String>> emitters;

    EventPublisher(@Channel(RUNS) Emitter<String> runs, @Channel(GENERATIONS) Emitter<String> generations,
                   @Channel(VARIANTS) Emitter<String> variants) {
        this.emitters = Map.of(Topics.RUNS, runs, Topics.GENERATIONS, generations, Topics.VARIANTS, variants);
    }

    /** Completes once the broker has the event. */
    public CompletionStage<Void> publish(DarwinEvent event) {
        return publish(event, null);
    }

    /** @param trace the trace the event continues; null for none */
    public CompletionStage<Void> publish(DarwinEvent event, Context trace) {
        Emitter<String> emitter = emitters.get(EventType.of(event).topic());
        if (emitter == null) {
            throw new IllegalArgumentException("selection-service does not publish " + event.getClass().getSimpleName());
        }
        return EventMessages.send(emitter, event, SERVICE, trace);
    }
}
