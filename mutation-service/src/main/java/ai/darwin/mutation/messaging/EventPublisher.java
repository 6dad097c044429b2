package ai.darwin.mutation.messaging;

import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.messaging.EventMessages;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes mutation-service's events, each to its contract topic; each stage completes on the broker's ack. */
@ApplicationScoped
public class EventPublisher {

    public static final String VARIANTS = "variants-out";
    public static final String APPROVALS = "approvals-out";
    static final String SERVICE = "mutation-service";

    private final Emitter<String> variants;
    private final Emitter<String> approvals;

    EventPublisher(@Channel(VARIANTS) Emitter<String> variants, @Channel(APPROVALS) Emitter<String> approvals) {
        this.variants = variants;
        this.approvals = approvals;
    }

    /** @param trace the variant's trace, which its record carries on to training (null: none) */
    public CompletionStage<Void> publish(VariantProposed variant, Context trace) {
        return EventMessages.send(variants, variant, SERVICE, trace);
    }

    /** @param trace the trace of the proposal that asks (null: none) */
    public CompletionStage<Void> publish(ApprovalRequested request, Context trace) {
        return EventMessages.send(approvals, request, SERVICE, trace);
    }

    /** An automatic decision (a NEW_IMPORT that can never be granted), on the approvals topic like a human's. */
    public CompletionStage<Void> publish(ApprovalDecided decision) {
        return EventMessages.send(approvals, decision, SERVICE);
    }
}
