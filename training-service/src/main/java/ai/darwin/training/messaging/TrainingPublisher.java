package ai.darwin.training.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.platform.messaging.EventMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes training-service's events: started and progress, and the one result per variant, each in its variant's trace. */
@ApplicationScoped
public class TrainingPublisher {

    public static final String PROGRESS = "progress-out";
    public static final String RESULTS = "results-out";
    static final String SERVICE = "training-service";

    private final Emitter<String> progress;
    private final Emitter<String> results;
    private final TrainingTraces traces;

    TrainingPublisher(@Channel(PROGRESS) Emitter<String> progress, @Channel(RESULTS) Emitter<String> results,
                      TrainingTraces traces) {
        this.progress = progress;
        this.results = results;
        this.traces = traces;
    }

    /** Completes once the broker has the event. */
    public CompletionStage<Void> publish(TrainingProgressEvent event) {
        return send(progress, event, event.variantId());
    }

    /** Completes once the broker has the result. */
    public CompletionStage<Void> publish(TrainingResult result) {
        return send(results, result, result.variantId());
    }

    /** In the variant's trace while it is in training here. */
    private CompletionStage<Void> send(Emitter<String> emitter, DarwinEvent event, String variantId) {
        return EventMessages.send(emitter, event, SERVICE, traces.of(variantId));
    }
}
