package ai.darwin.selection.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The decisions of a run's life: it starts with generation 0; it pauses, resumes and stops when asked; and after each
 * generation closes it goes on, verifies its champion against the seed, or ends. Each decision queues its events on
 * the run; the caller saves the run and publishes them.
 */
@ApplicationScoped
class RunLifecycle {

    /** Who refuses a run request that fails its checks. */
    static final String REFUSED_BY = "selection-service";

    private final SelectionStore store;
    private final GenerationPlanner planner;

    RunLifecycle(SelectionStore store, GenerationPlanner planner) {
        this.store = store;
        this.planner = planner;
    }

    void start(RunState run) {
        run.deliveries().queue(new RunStarted(Envelope.of(run.runId())));
        planner.openMutationGeneration(run, 0);
    }

    /**
     * A request that may not run ends before any generation opens: RunStopped says why, by selection-service, and
     * RunCompleted (FAILED, no generation) ends it, so the dashboard and {@code ./darwin} show the reason to whoever
     * asked, and mutation and training never see an assignment of it.
     */
    void refuse(RunState run, String reason) {
        run.deliveries().queue(new RunStopped(Envelope.of(run.runId()), "refused: " + reason, REFUSED_BY));
        complete(run, RunOutcome.FAILED, null);
    }

    /** The generation that is open still closes; the next one waits for a resume. */
    void pause(RunState run, String reason, String by) {
        if (run.steering().requestPause()) {
            run.deliveries().queue(new RunPaused(Envelope.of(run.runId()), reason, by));
        }
    }

    void resume(RunState run, String by) {
        if (run.steering().requestResume()) {
            run.deliveries().queue(new RunResumed(Envelope.of(run.runId()), by));
            if (run.status() == RunState.Status.PAUSED) {
                run.moveTo(RunState.Status.RUNNING);
                planner.openMutationGeneration(run, run.current().number() + 1);
            }
        }
    }

    /** The generation that is open still closes, then the run completes; a paused run completes at once. */
    void stop(RunState run, String reason, String by) {
        if (run.steering().requestStop()) {
            run.deliveries().queue(new RunStopped(Envelope.of(run.runId()), reason, by));
            if (run.status() == RunState.Status.PAUSED) {
                complete(run, RunOutcome.STOPPED, null);
            }
        }
    }

    /** What follows a generation that just closed; {@code report} is the verdict of a verification generation. */
    void afterClose(RunState run, GenerationState closed, VerificationReport report) {
        if (!closed.verification()) {
            next(run, closed.number());
        } else if (run.pendingOutcome() != null) {
            complete(run, run.pendingOutcome(), report);
        } else if (run.steering().stopRequested()) {
            complete(run, RunOutcome.STOPPED, report);
        } else {
            run.moveTo(RunState.Status.RUNNING);
            continueOrPause(run, closed.number() + 1);
        }
    }

    private void next(RunState run, int closed) {
        if (run.steering().stopRequested()) {
            complete(run, RunOutcome.STOPPED, null);
            return;
        }
        RunConfig config = run.config();
        int mutationGenerations = run.mutationGenerationsClosed();
        if (run.championVariantId() == null && mutationGenerations == 1) {
            complete(run, RunOutcome.FAILED, null);
            return;
        }
        RunOutcome ending = null;
        if (mutationGenerations >= config.generations()) {
            ending = RunOutcome.GENERATIONS_DONE;
        } else if (config.stopAfterStagnantGenerations() > 0
                && run.stagnantGenerations() >= config.stopAfterStagnantGenerations()) {
            ending = RunOutcome.STAGNATED;
        } else if (config.costCapUsd() > 0 && run.costUsd() >= config.costCapUsd()) {
            ending = RunOutcome.COST_CAP_REACHED;
        }
        if (ending != null) {
            run.endWith(ending);
            if (verifiable(run)) {
                verify(run, closed + 1);
            } else {
                complete(run, ending, null);
            }
        } else if (config.verificationInterval() > 0
                && mutationGenerations % config.verificationInterval() == 0 && verifiable(run)) {
            verify(run, closed + 1);
        } else {
            continueOrPause(run, closed + 1);
        }
    }

    private void continueOrPause(RunState run, int number) {
        if (run.steering().pauseRequested()) {
            run.moveTo(RunState.Status.PAUSED);
        } else {
            planner.openMutationGeneration(run, number);
        }
    }

    /** A champion other than the seed, and a baseline that trained, to compare it with. */
    private boolean verifiable(RunState run) {
        return run.championVariantId() != null && !run.championVariantId().equals(run.baselineVariantId())
                && store.result(run.baselineVariantId()).filter(TrainingCompleted.class::isInstance).isPresent();
    }

    private void verify(RunState run, int number) {
        String championAgent = store.proposal(run.championVariantId()).map(VariantProposed::targetAgentId)
                .orElse("champion");
        run.moveTo(RunState.Status.VERIFYING);
        planner.openVerificationGeneration(run, number, championAgent);
    }

    private void complete(RunState run, RunOutcome outcome, VerificationReport report) {
        run.moveTo(RunState.Status.COMPLETED);
        run.deliveries().queue(new RunCompleted(Envelope.of(run.runId()), outcome, run.mutationGenerationsClosed(),
                run.championVariantId(), report, run.costUsd()));
    }
}
