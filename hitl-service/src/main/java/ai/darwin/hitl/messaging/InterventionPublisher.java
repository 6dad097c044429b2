package ai.darwin.hitl.messaging;

import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.platform.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes human interventions to {@link ai.darwin.events.Topics#INTERVENTIONS}. */
@ApplicationScoped
public class InterventionPublisher {

    public static final String CHANNEL = "interventions-out";
    static final String SERVICE = "hitl-service";

    private final Emitter<String> emitter;

    InterventionPublisher(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker has the event. */
    public CompletionStage<Void> publish(HumanIntervention intervention) {
        return EventMessages.send(emitter, intervention, SERVICE);
    }
}
