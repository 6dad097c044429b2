package ai.darwin.selection.messaging;

import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunEvent;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.run.RunCoordinator;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What selection-service reads. Each payload is parsed by the contract's codec: a malformed one throws, is
 * nacked, and lands on the dead-letter topic with the reason.
 */
@ApplicationScoped
public class SelectionConsumers {

    public static final String RUNS = "runs";
    public static final String VARIANTS = "variants";
    public static final String RESULTS = "results";
    public static final String INTERVENTIONS = "interventions";
    public static final String APPROVALS = "approvals";

    private final RunCoordinator coordinator;

    SelectionConsumers(RunCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Incoming(RUNS)
    @Blocking
    public void onRunEvent(String payload) {
        RunEvent event = EventCodec.read(payload, RunEvent.class);
        // the lifecycle events after RunRequested are selection-service's own
        if (event instanceof RunRequested request) {
            coordinator.onRunRequested(request);
        }
    }

    @Incoming(VARIANTS)
    @Blocking
    public void onVariant(String payload) {
        coordinator.onVariantProposed(EventCodec.read(payload, VariantProposed.class));
    }

    @Incoming(RESULTS)
    @Blocking
    public void onResult(String payload) {
        coordinator.onTrainingResult(EventCodec.read(payload, TrainingResult.class));
    }

    @Incoming(INTERVENTIONS)
    @Blocking
    public void onIntervention(String payload) {
        coordinator.onIntervention(EventCodec.read(payload, HumanIntervention.class));
    }

    @Incoming(APPROVALS)
    @Blocking
    public void onApproval(String payload) {
        coordinator.onApproval(EventCodec.read(payload, ApprovalEvent.class));
    }
}
