package ai.darwin.selection.run;

import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.input.DatasetsConfig;
import ai.darwin.platform.input.RunRequestCheck;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import ai.darwin.selection.store.VariantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The entry point of every event and tick, one at a time. Every handler is idempotent (events are identified by run,
 * variant and intervention ids), changes the run's stored state in one save together with the events it must
 * publish (the outbox), then flushes the outbox. Closing a generation is the {@link GenerationCloser}'s, what the run
 * does next the {@link RunLifecycle}'s, what people ask of it the {@link RunControls}', and when each generation's
 * control goes out the {@link ControlRelease}'s.
 */
@ApplicationScoped
public class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);
    private static final int COMPLETENESS_RECHECK_TICKS = 10;

    private final SelectionStore store;
    private final RunLifecycle lifecycle;
    private final GenerationCloser closer;
    private final RunControls controls;
    private final Outbox outbox;
    private final SeedProgram seed;
    private final ControlRelease controlRelease;
    private final RunRequestCheck requests;

    private long ticks;

    RunCoordinator(SelectionStore store, RunLifecycle lifecycle, GenerationCloser closer, RunControls controls,
                   Outbox outbox, SeedProgram seed, ControlRelease controlRelease, DatasetsConfig datasets) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.closer = closer;
        this.controls = controls;
        this.outbox = outbox;
        this.seed = seed;
        this.controlRelease = controlRelease;
        this.requests = datasets.runRequests();
    }

    /**
     * Checked again here, whoever published it: the REST doors check a request before they publish it, but anyone
     * who may write the runs topic could name a dataset they refuse. A refused request becomes a run that ends at
     * once, with the reason, so that the person who asked sees why (see {@link RunLifecycle#refuse}).
     */
    public synchronized void onRunRequested(RunRequested request) {
        if (store.run(request.runId()).isPresent()) {
            return;
        }
        RunState run = RunState.start(request.runId(), request.config(), seed.source(), EventCodec.now());
        Optional<String> refusal = requests.refusal(request.config());
        if (refusal.isPresent()) {
            LOG.warnf("run %s requested by %s refused: %s", request.runId(), request.requestedBy(), refusal.get());
            lifecycle.refuse(run, refusal.get());
        } else {
            lifecycle.start(run);
        }
        saveAndFlush(run);
    }

    public synchronized void onVariantProposed(VariantProposed proposal) {
        onVariantProposed(proposal, null);
    }

    /** @param traceparent the variant's trace, stored with the proposal; null for none */
    public synchronized void onVariantProposed(VariantProposed proposal, String traceparent) {
        Optional<RunState> found = store.run(proposal.runId());
        if (found.isEmpty()) {
            LOG.warnf("variant %s of unknown run %s ignored", proposal.variantId(), proposal.runId());
            return;
        }
        RunState run = found.get();
        GenerationState generation = run.generation(proposal.generation());
        boolean assigned = generation != null && generation.assignments().stream()
                .anyMatch(a -> a.assignmentId().equals(proposal.assignmentId()));
        if (!assigned) {
            LOG.warnf("variant %s answers no assignment of run %s generation %d: ignored", proposal.variantId(),
                    proposal.runId(), proposal.generation());
            return;
        }
        if (generation.closed()) {
            return;
        }
        List<String> problems = ProgramFiles.problems(proposal.source(), proposal.filesOrNone());
        if (!problems.isEmpty()) {
            // the worker would refuse it anyway; stored, it could become a parent whose program no event can carry
            LOG.warnf("variant %s breaks the program rules (%s): ignored", proposal.variantId(),
                    String.join("; ", problems));
            return;
        }
        VariantRecord last = Attempts.lastByAssignment(store.variants(run.runId(), proposal.generation()))
                .get(proposal.assignmentId());
        if (!Attempts.accepts(run, last, proposal)) {
            if (proposal.attemptNumber() > 1) {
                LOG.infof("%s (attempt %d, repair of %s) repairs no failed last attempt of %s: ignored",
                        proposal.variantId(), proposal.attemptNumber(), proposal.repairOf(), proposal.assignmentId());
            }
            return;
        }
        if (store.addProposal(proposal, traceparent)) {
            run.addCost(proposal.usage().costUsd());
            controlRelease.release(run, generation);
            saveAndFlush(run);
        }
        closeIfComplete(run);
    }

    public synchronized void onTrainingResult(TrainingResult result) {
        onTrainingResult(result, null);
    }

    /** @param traceparent the variant's trace, stored with the result for its GenerationClosed to link to */
    public synchronized void onTrainingResult(TrainingResult result, String traceparent) {
        Optional<RunState> found = store.run(result.runId());
        if (found.isEmpty()) {
            LOG.warnf("result of variant %s of unknown run %s ignored", result.variantId(), result.runId());
            return;
        }
        RunState run = found.get();
        GenerationState generation = run.generation(result.generation());
        if (generation == null || generation.closed()) {
            LOG.infof("late result of variant %s (generation %d already closed) not counted", result.variantId(),
                    result.generation());
            return;
        }
        store.addResult(result, traceparent);
        // also for a duplicate: it may be the redelivery of a result stored just before a crash that left the
        // generation open
        closeIfComplete(run);
    }

    public synchronized void onIntervention(HumanIntervention intervention) {
        Optional<RunState> found = store.run(intervention.runId());
        if (found.isEmpty() || !found.get().deliveries().markHandled(intervention.interventionId())) {
            return;
        }
        RunState run = found.get();
        if (run.completed()) {
            store.save(run);
            return;
        }
        controls.intervene(run, intervention);
        saveAndFlush(run);
    }

    /** An approved change takes effect when the next generation opens. */
    public synchronized void onApproval(ApprovalEvent event) {
        Optional<RunState> found = store.run(event.runId());
        if (found.isEmpty() || !found.get().deliveries().markHandled(event.eventId())) {
            return;
        }
        RunState run = found.get();
        controls.approval(run, event);
        store.save(run);
    }

    /**
     * Publishes what earlier attempts left unsent and, when {@code deadlinesApply}, closes generations past their
     * deadline. Every event that can complete a generation checks for it as it is handled, so the ticks look for a
     * complete generation only now and then, as a safety net: that check queries the store while holding the
     * coordinator, and a result arriving meanwhile would wait for it.
     */
    public void tick(boolean deadlinesApply) {
        tick(deadlinesApply, Instant.now());
    }

    /** {@link #tick(boolean)} at a given moment: tests move the clock past deadlines without waiting for them. */
    public synchronized void tick(boolean deadlinesApply, Instant now) {
        boolean recheck = ticks++ % COMPLETENESS_RECHECK_TICKS == 0;
        for (String runId : store.activeRunIds()) {
            store.run(runId).ifPresent(run -> {
                outbox.flush(run);
                GenerationState generation = run.current();
                if (deadlinesApply && generation != null && !generation.closed()
                        && run.status() != RunState.Status.PAUSED && closer.pastDeadline(run, generation, now)) {
                    LOG.infof("run %s generation %d reached its deadline: stragglers count as timeouts", runId,
                            generation.number());
                    closer.close(run, generation);
                    saveAndFlush(run);
                } else if (recheck) {
                    closeIfComplete(run);
                }
            });
        }
    }

    private void closeIfComplete(RunState run) {
        if (closer.closeIfComplete(run)) {
            saveAndFlush(run);
        }
    }

    private void saveAndFlush(RunState run) {
        store.save(run);
        outbox.flush(run);
    }

    /** For tests and the REST view. */
    public synchronized Optional<RunState> run(String runId) {
        return store.run(runId);
    }
}
