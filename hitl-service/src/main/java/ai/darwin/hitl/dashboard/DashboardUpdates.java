package ai.darwin.hitl.dashboard;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells open dashboards that a run's views changed, once the change is stored: a page re-reads what it shows when
 * told, instead of asking every few seconds. A notice names the run, the event and the variant it concerns, never the
 * data itself, so the page reads its views through the same API whether it was told or just opened.
 */
@ApplicationScoped
public class DashboardUpdates {

    /**
     * What changed.
     *
     * @param runId     the run
     * @param event     the event's type, e.g. {@code TrainingProgress}
     * @param variantId the variant it concerns, if any
     */
    public record Update(String runId, String event, String variantId) {
    }

    // onNext calls must not overlap: the consumer tells from its worker threads
    private final BroadcastProcessor<Update> updates = BroadcastProcessor.create();

    /** Says that {@code event} is stored. */
    public void stored(DarwinEvent event) {
        String variantId = event instanceof VariantProposed v ? v.variantId()
                : event instanceof TrainingProgressEvent p ? p.variantId()
                : event instanceof TrainingResult r ? r.variantId() : null;
        synchronized (updates) {
            updates.onNext(new Update(event.runId(), event.getClass().getSimpleName(), variantId));
        }
    }

    /** The notices of one run, or of every run when {@code runId} is null, from now on. */
    public Multi<Update> of(String runId) {
        return updates.filter(update -> runId == null || runId.equals(update.runId()));
    }
}
