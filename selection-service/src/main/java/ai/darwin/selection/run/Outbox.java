package ai.darwin.selection.run;

import ai.darwin.events.EventCodec;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes a run's queued events in order, removing each from the stored outbox once the broker acknowledged
 * it. What fails stays queued for the next tick; a crash between the acknowledgement and the save republishes
 * an event with the same event id, which consumers deduplicate.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final EventPublisher publisher;
    private final SelectionStore store;

    Outbox(EventPublisher publisher, SelectionStore store) {
        this.publisher = publisher;
        this.store = store;
    }

    public void flush(RunState run) {
        while (!run.outbox.isEmpty()) {
            String json = run.outbox.get(0);
            try {
                publisher.publish(EventCodec.readAny(json)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("could not publish an event of run %s yet (%s); retrying on the next tick", run.runId,
                        e.getMessage());
                return;
            }
            run.outbox.remove(0);
            store.save(run);
        }
    }
}
