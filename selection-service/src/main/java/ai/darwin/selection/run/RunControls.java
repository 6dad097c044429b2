package ai.darwin.selection.run;

import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.selection.store.ApprovedChange;
import ai.darwin.selection.store.RunState;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What people do to a run: guidance, vetoes, promotions, pause, resume and stop (interventions), and approved
 * changes of budget, population or training data, which take effect when the next generation opens.
 */
@ApplicationScoped
class RunControls {

    private static final Logger LOG = Logger.getLogger(RunControls.class);

    private final RunLifecycle lifecycle;

    RunControls(RunLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void intervene(RunState run, HumanIntervention intervention) {
        String reason = intervention.message().isBlank() ? intervention.kind().name().toLowerCase()
                : intervention.message();
        switch (intervention.kind()) {
            case GUIDANCE -> run.steering().addGuidance(intervention.agentId() == null ? intervention.message()
                    : intervention.agentId() + ": " + intervention.message());
            case VETO -> run.veto(intervention.variantId());
            case PROMOTE -> run.steering().promote(intervention.variantId());
            case PAUSE -> lifecycle.pause(run, reason, intervention.by());
            case RESUME -> lifecycle.resume(run, intervention.by());
            case STOP -> lifecycle.stop(run, reason, intervention.by());
        }
    }

    /**
     * Approval requests for more budget, a larger population or more data, and their decisions. Other kinds of
     * request concern mutation-service.
     */
    void approval(RunState run, ApprovalEvent event) {
        if (event instanceof ApprovalRequested request) {
            ApprovedChange.parse(request.kind(), request.detail())
                    .ifPresent(change -> run.steering().requestChange(request.requestId(), change));
        } else if (event instanceof ApprovalDecided decision) {
            if (decision.approved() && decision.corpus() != null) {
                int next = run.current() == null ? 0 : run.current().number() + 1;
                run.steering().approveCorpus(decision.corpus(), next);
                LOG.infof("run %s: approved corpus %s joins the training mixture from generation %d", run.runId(),
                        decision.corpus().uri(), next);
            }
            ApprovedChange change = run.steering().takeRequestedChange(decision.requestId());
            if (change != null && decision.approved()) {
                change.applyTo(run);
                LOG.infof("run %s: approved %s takes effect from the next generation", run.runId(), change);
            }
        }
    }
}
