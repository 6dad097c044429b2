package ai.darwin.mutation.messaging;

import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.GenerationEvent;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.mutation.generation.GenerationProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What mutation-service reads as work: opened generations. A generation is acknowledged once every proposal of it
 * is on the broker; a malformed payload, or a generation that cannot be processed, is nacked and lands on the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class MutationConsumers {

    public static final String GENERATIONS = "generations";

    private final GenerationProcessor processor;

    MutationConsumers(GenerationProcessor processor) {
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
