package ai.darwin.selection.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunEvent;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.Traces;
import ai.darwin.platform.messaging.VariantSpans;
import ai.darwin.selection.run.RunCoordinator;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What selection-service reads. Each payload is parsed by the contract's codec: a malformed one throws, is
 * nacked, and lands on the dead-letter topic with the reason. A variant's proposal and result are handled in a span of
 * the variant's trace, whose traceparent is stored with them: the GenerationClosed links to it.
 */
@ApplicationScoped
public class SelectionConsumers {

    public static final String RUNS = "runs";
    public static final String VARIANTS = "variants";
    public static final String RESULTS = "results";
    public static final String INTERVENTIONS = "interventions";
    public static final String APPROVALS = "approvals";

    private final RunCoordinator coordinator;
    private final Tracer tracer;

    SelectionConsumers(RunCoordinator coordinator, Tracer tracer) {
        this.coordinator = coordinator;
        this.tracer = tracer;
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
    public CompletionStage<Void> onVariant(Message<String> message) {
        return inVariantTrace(message, VariantProposed.class, coordinator::onVariantProposed);
    }

    @Incoming(RESULTS)
    @Blocking
    public CompletionStage<Void> onResult(Message<String> message) {
        return inVariantTrace(message, TrainingResult.class, coordinator::onTrainingResult);
    }

    /** Hands the event and the traceparent of its handling span on; a failure nacks it, as for the other channels. */
    private <T extends DarwinEvent> CompletionStage<Void> inVariantTrace(Message<String> message, Class<T> type,
                                                                         BiConsumer<T, String> handler) {
        return VariantSpans.handle(tracer, message, payload -> EventCodec.read(payload, type),
                (event, trace) -> handler.accept(event, Traces.traceparent(trace).orElse(null)));
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
