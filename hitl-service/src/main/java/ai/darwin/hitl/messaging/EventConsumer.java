package ai.darwin.hitl.messaging;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.hitl.approval.ApprovalStore;
import ai.darwin.hitl.dashboard.DashboardProjection;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic the dashboard shows, and the approvals. Each payload is parsed by the contract's codec: a
 * malformed one throws, is nacked, and lands on the dead-letter topic with the reason. Every update is idempotent,
 * so a redelivered event changes nothing.
 */
@ApplicationScoped
public class EventConsumer {

    public static final String CHANNEL = "events";

    private final ApprovalStore approvals;
    private final DashboardProjection dashboard;

    EventConsumer(ApprovalStore approvals, DashboardProjection dashboard) {
        this.approvals = approvals;
        this.dashboard = dashboard;
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
    }
}
