package ai.darwin.selection.run;

import ai.darwin.events.EventCodec;
import ai.darwin.events.EventType;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalEvent;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.ga.Selection;
import ai.darwin.selection.store.ApprovedChange;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.RunState.AgentSlot;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.SelectionStore;
import ai.darwin.selection.store.VariantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jboss.logging.Logger;

/**
 * The run state machine. Every handler is idempotent (events are identified by run, variant and intervention
 * ids), changes the run's stored state in one save together with the events it must publish (the outbox), then
 * flushes the outbox. A generation closes once: when all its variants have a result or at its deadline.
 */
@ApplicationScoped
public class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);
    private static final int COMPLETENESS_RECHECK_TICKS = 10;

    private final SelectionStore store;
    private final GenerationPlanner planner;
    private final Outbox outbox;
    private final SeedProgram seed;

    private long ticks;

    RunCoordinator(SelectionStore store, GenerationPlanner planner, Outbox outbox, SeedProgram seed) {
        this.store = store;
        this.planner = planner;
        this.outbox = outbox;
        this.seed = seed;
    }

    public synchronized void onRunRequested(RunRequested request) {
        if (store.run(request.runId()).isPresent()) {
            return;
        }
        RunValidation.check(request.config());
        RunState run = RunState.start(request.runId(), request.config(), seed.source(), EventCodec.now());
        run.queue(new RunStarted(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(), EventCodec.now()));
        planner.openMutationGeneration(run, 0);
        saveAndFlush(run);
    }

    public synchronized void onVariantProposed(VariantProposed proposal) {
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
        if (generation.closed() || answered(run, proposal)) {
            return;
        }
        if (store.addProposal(proposal)) {
            run.addCost(proposal.usage().costUsd());
            store.save(run);
        }
        closeIfComplete(run);
    }

    public synchronized void onTrainingResult(TrainingResult result) {
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
        store.addResult(result);
        // also for a duplicate: it may be the redelivery of a result stored just before a crash that left the
        // generation open
        closeIfComplete(run);
    }

    public synchronized void onIntervention(HumanIntervention intervention) {
        Optional<RunState> found = store.run(intervention.runId());
        if (found.isEmpty() || !found.get().markHandled(intervention.interventionId())) {
            return;
        }
        RunState run = found.get();
        if (run.completed()) {
            store.save(run);
            return;
        }
        String reason = intervention.message().isBlank() ? intervention.kind().name().toLowerCase()
                : intervention.message();
        switch (intervention.kind()) {
            case GUIDANCE -> run.steering().addGuidance(intervention.agentId() == null ? intervention.message()
                    : intervention.agentId() + ": " + intervention.message());
            case VETO -> run.steering().veto(intervention.variantId());
            case PROMOTE -> run.steering().promote(intervention.variantId());
            case PAUSE -> {
                if (run.steering().requestPause()) {
                    run.queue(new RunPaused(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(),
                            EventCodec.now(), reason, intervention.by()));
                }
            }
            case RESUME -> {
                if (run.steering().requestResume()) {
                    run.queue(new RunResumed(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(),
                            EventCodec.now(), intervention.by()));
                    if (run.status() == RunState.Status.PAUSED) {
                        run.moveTo(RunState.Status.RUNNING);
                        planner.openMutationGeneration(run, run.current().number() + 1);
                    }
                }
            }
            case STOP -> {
                if (run.steering().requestStop()) {
                    run.queue(new RunStopped(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(),
                            EventCodec.now(), reason, intervention.by()));
                    if (run.status() == RunState.Status.PAUSED) {
                        complete(run, RunOutcome.STOPPED, null);
                    }
                }
            }
        }
        saveAndFlush(run);
    }

    /**
     * Approval requests for more budget or a larger population, and their decisions: an approved change takes
     * effect when the next generation opens. Other kinds of request concern mutation-service.
     */
    public synchronized void onApproval(ApprovalEvent event) {
        Optional<RunState> found = store.run(event.runId());
        if (found.isEmpty() || !found.get().markHandled(event.eventId())) {
            return;
        }
        RunState run = found.get();
        if (event instanceof ApprovalRequested request) {
            ApprovedChange.parse(request.kind(), request.detail())
                    .ifPresent(change -> run.steering().requestChange(request.requestId(), change));
        } else if (event instanceof ApprovalDecided decision) {
            ApprovedChange change = run.steering().takeRequestedChange(decision.requestId());
            if (change != null && decision.approved()) {
                change.applyTo(run);
                LOG.infof("run %s: approved %s takes effect from the next generation", run.runId(), change);
            }
        }
        store.save(run);
    }

    /**
     * Publishes what earlier attempts left unsent and, when {@code deadlinesApply}, closes generations past their
     * deadline. Every event that can complete a generation checks for it as it is handled, so the ticks look for a
     * complete generation only now and then, as a safety net: that check queries the store while holding the
     * coordinator, and a result arriving meanwhile would wait for it.
     */
    public synchronized void tick(boolean deadlinesApply) {
        boolean recheck = ticks++ % COMPLETENESS_RECHECK_TICKS == 0;
        Instant now = Instant.now();
        for (String runId : store.activeRunIds()) {
            store.run(runId).ifPresent(run -> {
                outbox.flush(run);
                GenerationState generation = run.current();
                if (deadlinesApply && generation != null && !generation.closed()
                        && run.status() != RunState.Status.PAUSED && now.isAfter(generation.deadline())) {
                    LOG.infof("run %s generation %d reached its deadline: stragglers count as timeouts", runId,
                            generation.number());
                    close(run, generation);
                } else if (recheck) {
                    closeIfComplete(run);
                }
            });
        }
    }

    private boolean answered(RunState run, VariantProposed proposal) {
        return store.variants(run.runId(), proposal.generation()).stream()
                .anyMatch(r -> r.proposal().assignmentId().equals(proposal.assignmentId())
                        && !r.proposal().variantId().equals(proposal.variantId()));
    }

    private void closeIfComplete(RunState run) {
        GenerationState generation = run.current();
        if (generation == null || generation.closed() || run.completed()) {
            return;
        }
        Map<String, VariantRecord> byAssignment = byAssignment(run, generation);
        boolean complete = generation.assignments().stream().allMatch(a -> {
            VariantRecord record = byAssignment.get(a.assignmentId());
            return record != null && record.result() != null;
        });
        if (complete) {
            close(run, generation);
        }
    }

    private Map<String, VariantRecord> byAssignment(RunState run, GenerationState generation) {
        Map<String, VariantRecord> byAssignment = new LinkedHashMap<>();
        for (VariantRecord record : store.variants(run.runId(), generation.number())) {
            byAssignment.putIfAbsent(record.proposal().assignmentId(), record);
        }
        return byAssignment;
    }

    private void close(RunState run, GenerationState generation) {
        generation.close();
        Fitness fitness = Fitness.of(run.config().fitness());
        GenerationOutcome outcome = GenerationRanking.rank(run, generation.assignments(),
                byAssignment(run, generation), fitness);
        List<Survivor> survivors = generation.verification()
                ? run.agents().stream().map(a -> new Survivor(a.agentId(), a.variantId(), "carried")).toList()
                : select(run, generation, outcome, fitness);
        VerificationReport report = generation.verification()
                ? VerificationStatistics.report(run, generation, outcome) : null;
        run.queue(new GenerationClosed(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(),
                EventCodec.now(), generation.number(), outcome.ranking(), survivors, outcome.statistics(), report));
        if (generation.verification() && run.pendingOutcome() != null) {
            complete(run, run.pendingOutcome(), report);
        } else if (generation.verification() && run.steering().stopRequested()) {
            complete(run, RunOutcome.STOPPED, report);
        } else if (generation.verification()) {
            run.moveTo(RunState.Status.RUNNING);
            continueOrPause(run, generation.number() + 1);
        } else {
            next(run, generation.number());
        }
        saveAndFlush(run);
    }

    private List<Survivor> select(RunState run, GenerationState generation, GenerationOutcome outcome,
                                  Fitness fitness) {
        List<Candidate> pool = new ArrayList<>(outcome.trained());
        // the agents' current programs and the champion, read in one query
        List<String> earlier = new ArrayList<>(run.agents().stream().map(AgentSlot::variantId).toList());
        if (run.championVariantId() != null) {
            earlier.add(run.championVariantId());
        }
        Map<String, TrainingResult> earlierResults = store.results(earlier);
        for (AgentSlot slot : run.agents()) {
            if (pool.stream().noneMatch(c -> c.variantId().equals(slot.variantId()))
                    && !run.steering().vetoed(slot.variantId())
                    && earlierResults.get(slot.variantId()) instanceof TrainingCompleted r) {
                pool.add(new Candidate(r.variantId(), slot.agentId(), r.metrics()));
            }
        }
        List<Survivor> survivors;
        if (pool.isEmpty()) {
            survivors = run.agents().stream().map(a -> new Survivor(a.agentId(), a.variantId(), "refill")).toList();
        } else {
            survivors = Selection.survivors(run.agents().stream().map(AgentSlot::agentId).toList(),
                    outcome.ownVariant(), pool, run.steering().promoted(), run.config().selection(), fitness,
                    new Random(run.config().seed() * 131 + generation.number()));
            updateChampion(run, pool, fitness, earlierResults);
        }
        run.carry(survivors.stream().map(s -> new AgentSlot(s.agentId(), s.variantId())).toList());
        return survivors;
    }

    private void updateChampion(RunState run, List<Candidate> pool, Fitness fitness,
                                Map<String, TrainingResult> earlierResults) {
        List<Candidate> contenders = new ArrayList<>(pool);
        String champion = run.championVariantId();
        if (champion != null && contenders.stream().noneMatch(c -> c.variantId().equals(champion))
                && earlierResults.get(champion) instanceof TrainingCompleted r) {
            contenders.add(new Candidate(r.variantId(), "champion", r.metrics()));
        }
        Candidate best = contenders.stream().sorted(fitness.bestFirst()).findFirst().orElseThrow();
        run.crown(best.variantId(), best.metrics().valBitsPerByte());
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
        run.queue(new RunCompleted(EventCodec.newEventId(), EventType.SCHEMA_VERSION, run.runId(), EventCodec.now(),
                outcome, run.mutationGenerationsClosed(), run.championVariantId(), report, run.costUsd()));
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
