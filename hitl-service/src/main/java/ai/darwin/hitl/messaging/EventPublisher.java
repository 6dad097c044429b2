package ai.darwin.hitl.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventType;
import ai.darwin.events.Topic;
import ai.darwin.events.Topics;
import ai.darwin.platform.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes what humans do: run requests, interventions and approval decisions, each to its contract topic. */
@ApplicationScoped
public class EventPublisher {

    public static final String INTERVENTIONS = "interventions-out";
    public static final String APPROVALS = "approvals-out";
    public static final String RUNS = "runs-out";
    static final String SERVICE = "hitl-service";

    private final Map<Topic, Emitter<String>> emitters;

    EventPublisher(@Channel(INTERVENTIONS) Emitter<String> interventions, @Channel(APPROVALS) Emitter<String> approvals,
                   @Channel(RUNS) Emitter<String> runs) {
        this.emitters = Map.of(Topics.INTERVENTIONS, interventions, Topics.APPROVALS, approvals, Topics.RUNS, runs);
    }

    /** Completes once the broker has the event. */
    public CompletionStage<Void> publish(DarwinEvent event) {
        Emitter<String> emitter = emitters.get(EventType.of(event).topic());
        if (emitter == null) {
            throw new IllegalArgumentException("hitl-service does not publish " + event.getClass().getSimpleName());
        }
        return EventMessages.send(emitter, event, SERVICE);
    }
}
