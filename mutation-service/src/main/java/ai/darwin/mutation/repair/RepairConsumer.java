package ai.darwin.mutation.repair;

import ai.darwin.events.EventCodec;
import ai.darwin.events.MalformedEventException;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads training results, in a consumer group of its own, for the failures of variants this service published. A
 * failure is acknowledged once its repair is on the broker (or once it is clear none is due), so a restart in
 * between redelivers it, and the repair's derived id keeps that from publishing twice. Results it cannot read are
 * skipped: selection-service, their consumer of record, dead-letters them.
 */
@ApplicationScoped
public class RepairConsumer {

    public static final String RESULTS = "training-results";
    private static final Logger LOG = Logger.getLogger(RepairConsumer.class);

    private final RuntimeRepairs repairs;

    RepairConsumer(RuntimeRepairs repairs) {
        this.repairs = repairs;
    }

    @Incoming(RESULTS)
    public CompletionStage<Void> onResult(String payload) {
        try {
            if (EventCodec.read(payload, TrainingResult.class) instanceof TrainingFailed failure) {
                return repairs.onFailure(failure);
            }
        } catch (MalformedEventException e) {
            LOG.debugf("skipped an unreadable training result: %s", e.getMessage());
        }
        return CompletableFuture.completedFuture(null);
    }
}
