package ai.darwin.hitl.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.hitl.approval.ApprovalStore;
import ai.darwin.hitl.dashboard.DashboardProjection;
import ai.darwin.hitl.dashboard.DashboardUpdates;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic the dashboard shows, and the approvals. Each payload is parsed by the contract's codec: a
 * malformed one throws, is nacked, and lands on the dead-letter topic with the reason. Every update is idempotent,
 * so a redelivered event changes nothing. Once stored, open dashboards are told (server-sent events).
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events";

    private final ApprovalStore approvals;
    private final DashboardProjection dashboard;
    private final DashboardUpdates updates;

    EventConsumer(ApprovalStore approvals, DashboardProjection dashboard, DashboardUpdates updates) {
        this.approvals = approvals;
        this.dashboard = dashboard;
        this.updates = updates;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String payload) {
        DarwinEvent event = EventCodec.readAny(payload);
        if (event instanceof ApprovalEvent approval) {
            approvals.record(approval);
        } else {
            dashboard.apply(event);
        }
        updates.stored(event);
    }
}
