package ai.darwin.hitl.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.hitl.approval.ApprovalStore;
import ai.darwin.hitl.dashboard.DashboardProjection;
import ai.darwin.hitl.dashboard.DashboardUpdates;
import ai.darwin.platform.messaging.VariantSpans;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads every topic the dashboard shows, and the approvals. Each payload is parsed by the contract's codec: a
 * malformed one throws, is nacked, and lands on the dead-letter topic with the reason. Every update is idempotent,
 * so a redelivered event changes nothing. Once stored, open dashboards are told (server-sent events). Each event is
 * handled in a span that continues the trace its record carried (a variant's, for the variant's events).
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events";

    private final ApprovalStore approvals;
    private final DashboardProjection dashboard;
    private final DashboardUpdates updates;
    private final Tracer tracer;

    EventConsumer(ApprovalStore approvals, DashboardProjection dashboard, DashboardUpdates updates, Tracer tracer) {
        this.approvals = approvals;
        this.dashboard = dashboard;
        this.updates = updates;
        this.tracer = tracer;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return VariantSpans.handle(tracer, message, EventCodec::readAny, (event, trace) -> consume(event));
    }

    private void consume(DarwinEvent event) {
        if (event instanceof ApprovalEvent approval) {
            approvals.record(approval);
        } else {
            dashboard.apply(event);
        }
        updates.stored(event);
    }
}
