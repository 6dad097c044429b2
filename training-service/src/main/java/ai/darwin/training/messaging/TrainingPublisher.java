package ai.darwin.training.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.platform.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes training-service's events: started and progress, and the one result per variant. */
@ApplicationScoped
public class TrainingPublisher {

    public static final String PROGRESS = "progress-out";
    public static final String RESULTS = "results-out";
    static final String SERVICE = "training-service";

    private final Emitter<String> progress;
    private final Emitter<String> results;

    TrainingPublisher(@Channel(PROGRESS) Emitter<String> progress, @Channel(RESULTS) Emitter<String> results) {
        this.progress = progress;
        this.results = results;
    }

    /** Completes once the broker has the event. */
    public CompletionStage<Void> publish(TrainingProgressEvent event) {
        return send(progress, event);
    }

    /** Completes once the broker has the result. */
    public CompletionStage<Void> publish(TrainingResult result) {
        return send(results, result);
    }

    private static CompletionStage<Void> send(Emitter<String> emitter, DarwinEvent event) {
        return EventMessages.send(emitter, event, SERVICE);
    }
}
