package ai.darwin.mutation.generation;

import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.GenerationEvent;
import ai.darwin.events.generation.GenerationOpened;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What mutation-service reads as work: opened generations. A generation is acknowledged once every proposal of it
 * is on the broker; a malformed payload, or a generation that cannot be processed, is nacked and lands on the
 * dead-letter topic with the reason.
 *
 * <p>It lives beside the {@link GenerationProcessor} it feeds rather than in {@code messaging/}: the processor
 * publishes through {@code messaging/}, and a consumer there would make the two packages depend on each other.
 */
@ApplicationScoped
public class GenerationConsumer {

    public static final String GENERATIONS = "generations";

    private final GenerationProcessor processor;

    GenerationConsumer(GenerationProcessor processor) {
        this.processor = processor;
    }

    @Incoming(GENERATIONS)
    public CompletionStage<Void> onGeneration(String payload) {
        GenerationEvent event = EventCodec.read(payload, GenerationEvent.class);
        if (event instanceof GenerationOpened opened) {
            return processor.process(opened);
        }
        return CompletableFuture.completedFuture(null);
    }
}
