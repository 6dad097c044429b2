package ai.darwin.selection.messaging;

import ai.darwin.events.run.RunEvent;
import ai.darwin.platform.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes run lifecycle events; the returned stage completes once the broker has the event. */
@ApplicationScoped
public class RunEventPublisher {

    /** Outgoing channel to {@link ai.darwin.events.Topics#RUNS}. */
    public static final String CHANNEL = "runs-out";
    static final String SERVICE = "selection-service";

    private final Emitter<String> emitter;

    RunEventPublisher(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> publish(RunEvent event) {
        return EventMessages.send(emitter, event, SERVICE);
    }
}
