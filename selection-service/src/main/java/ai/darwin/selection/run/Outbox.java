package ai.darwin.selection.run;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes a run's queued events in order and removes from the stored outbox those the broker acknowledged.
 * Everything queued is sent at once and acknowledged together, with one save after it: closing a generation and
 * opening the next costs one round trip and one write, not one of each per event. What is not acknowledged stays
 * queued, with everything after it, for the next tick; a crash between the acknowledgements and the save
 * republishes events with their event ids, which consumers deduplicate. A GenerationClosed goes out in a span linked to
 * its variants' traces ({@link GenerationTraces}).
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final EventPublisher publisher;
    private final SelectionStore store;
    private final GenerationTraces traces;

    Outbox(EventPublisher publisher, SelectionStore store, GenerationTraces traces) {
        this.publisher = publisher;
        this.store = store;
        this.traces = traces;
    }

    public void flush(RunState run) {
        if (run.deliveries().queued().isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (String json : run.deliveries().queued()) {
            sent.add(publish(EventCodec.readAny(json)));
        }
        int acknowledged = 0;
        try {
            for (CompletableFuture<Void> ack : sent) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                acknowledged++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not publish %d event(s) of run %s yet (%s); retrying on the next tick",
                    sent.size() - acknowledged, run.runId(), e.getMessage());
        }
        if (acknowledged > 0) {
            run.deliveries().acknowledged(acknowledged);
            store.save(run);
        }
    }

    private CompletableFuture<Void> publish(DarwinEvent event) {
        if (!(event instanceof GenerationClosed closed)) {
            return publisher.publish(event).toCompletableFuture();
        }
        Span closing = traces.closing(closed);
        return publisher.publish(event, Context.root().with(closing)).toCompletableFuture()
                .whenComplete((acknowledged, failure) -> closing.end());
    }
}
