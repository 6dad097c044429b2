package ai.darwin.training.messaging;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.training.worker.RunningVariants;
import ai.darwin.training.worker.TrainingWorker;
import io.smallrye.common.annotation.Blocking;
import io.opentelemetry.api.trace.Span;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The training consumer group's member: one variant at a time per consumer (more with the channel's concurrency).
 * A variant is acknowledged, and its offset becomes committable, only once its result is on the broker; one
 * abandoned to the group is neither acknowledged nor nacked, so another worker gets it. A payload that is not a
 * VariantProposed is nacked to the dead-letter topic with the reason. Its training is a span of the trace its
 * record carried, and the events about it go out in that trace.
 */
@ApplicationScoped
public class VariantConsumer {

    public static final String CHANNEL = "variants";
    private static final CompletionStage<Void> LEFT_UNACKNOWLEDGED = CompletableFuture.completedFuture(null);

    private final TrainingWorker worker;
    private final RunningVariants running;
    private final TrainingTraces traces;

    VariantConsumer(TrainingWorker worker, RunningVariants running, TrainingTraces traces) {
        this.worker = worker;
        this.running = running;
        this.traces = traces;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onVariant(Message<String> message) {
        VariantProposed variant;
        try {
            variant = EventCodec.read(message.getPayload(), VariantProposed.class);
        } catch (MalformedEventException e) {
            return message.nack(e);
        }
        TopicPartition partition = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> new TopicPartition(kafka.getTopic(), kafka.getPartition())).orElse(null);
        if (worker.draining() || !running.owns(partition)) {
            return LEFT_UNACKNOWLEDGED;
        }
        Span training = traces.start(variant, Traces.of(message));
        try {
            return switch (worker.process(variant, partition)) {
                case DONE -> message.ack();
                case ABANDONED -> LEFT_UNACKNOWLEDGED;
            };
        } finally {
            traces.end(variant.variantId(), training);
        }
    }
}
