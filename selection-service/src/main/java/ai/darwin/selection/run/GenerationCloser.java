package ai.darwin.selection.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.ga.NoiseFloors;
import ai.darwin.selection.metrics.SelectionMetrics;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import ai.darwin.selection.store.VariantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Closes a generation, exactly once: when every assignment's last attempt has its result and no runtime repair is
 * due for it (and, for a verification, the sequential test wants no more pairs), or at the deadline, when stragglers
 * rank as timeouts (later while a runtime repair is due or training, within a bounded extension). Generation 0
 * first measures the run's noise floor from its control's seeds. It ranks the last attempts, chooses the survivors
 * and the champion (or, closing a verification generation, compares the champion with the seed), queues
 * GenerationClosed, and lets the run's lifecycle decide what follows.
 */
@ApplicationScoped
class GenerationCloser {

    private static final Logger LOG = Logger.getLogger(GenerationCloser.class);

    private final SelectionStore store;
    private final Succession succession;
    private final RunLifecycle lifecycle;
    private final GenerationPlanner planner;
    /** Generations whose repair extension was logged, so that the ticks say it once. */
    private final Set<String> extensionsLogged = ConcurrentHashMap.newKeySet();
    @Inject
    SelectionMetrics metrics;

    GenerationCloser(SelectionStore store, Succession succession, RunLifecycle lifecycle, GenerationPlanner planner) {
        this.store = store;
        this.succession = succession;
        this.lifecycle = lifecycle;
        this.planner = planner;
    }

    /** @return whether it changed the run's current generation (closed it, or added pairs), which then needs saving */
    boolean closeIfComplete(RunState run) {
        GenerationState generation = run.current();
        if (generation == null || generation.closed() || run.completed()) {
            return false;
        }
        Map<String, VariantRecord> byAssignment = byAssignment(run, generation);
        boolean complete = generation.assignments().stream().allMatch(a -> {
            VariantRecord record = byAssignment.get(a.assignmentId());
            return record != null && record.result() != null && !Attempts.repairDue(run, record);
        });
        if (!complete) {
            return false;
        }
        if (generation.verification()) {
            GenerationOutcome sofar = GenerationRanking.rank(run, generation.assignments(), byAssignment,
                    Fitness.of(run.config().fitness()), null);
            int more = VerificationStatistics.pairsToAdd(run, generation, sofar);
            if (more > 0) {
                planner.addVerificationPairs(run, generation, more);
                return true;
            }
        }
        close(run, generation);
        return true;
    }

    /**
     * Whether the generation is past its deadline, and so closes with its stragglers as timeouts. A runtime repair
     * that is due or training keeps it open past the deadline for {@link GenerationPlanner#repairExtension} at most:
     * the failure may have come late, and its agent's fix deserves its training. The store is asked only once the
     * deadline passed, so the ticks cost nothing more before it.
     */
    boolean pastDeadline(RunState run, GenerationState generation, Instant now) {
        if (!now.isAfter(generation.deadline())) {
            return false;
        }
        Instant extended = generation.deadline().plus(planner.repairExtension(run));
        if (now.isAfter(extended) || !awaitsRepair(run, generation)) {
            return true;
        }
        if (extensionsLogged.add(run.runId() + "/" + generation.number())) {
            LOG.infof("run %s generation %d reached its deadline with a runtime repair due or training: open until %s",
                    run.runId(), generation.number(), extended);
        }
        return false;
    }

    /**
     * Whether a runtime repair keeps the generation waiting: an assignment's last attempt failed with a repair due,
     * or is a repair not trained yet.
     */
    private boolean awaitsRepair(RunState run, GenerationState generation) {
        return byAssignment(run, generation).values().stream().anyMatch(last -> Attempts.repairDue(run, last)
                || (last.proposal().attemptNumber() > 1 && last.result() == null));
    }

    /** Closes it whatever is missing: a variant without a result by now ranks as timed out. */
    void close(RunState run, GenerationState generation) {
        generation.close();
        extensionsLogged.remove(run.runId() + "/" + generation.number());
        Map<String, VariantRecord> byAssignment = byAssignment(run, generation);
        if (generation.number() == 0) {
            generation.measured(NoiseFloors.measure(controlSeeds(generation, byAssignment)));
        }
        NoiseFloor floor = noiseFloor(run);
        Fitness fitness = Fitness.of(run.config().fitness(), floor);
        GenerationOutcome outcome = GenerationRanking.rank(run, generation.assignments(), byAssignment, fitness,
                floor);
        List<Survivor> survivors = generation.verification()
                ? run.agents().stream().map(a -> new Survivor(a.agentId(), a.variantId(), "carried")).toList()
                : succession.survivors(run, generation, outcome, fitness);
        VerificationReport report = generation.verification()
                ? VerificationStatistics.report(run, generation, outcome) : null;
        run.deliveries().queue(new GenerationClosed(Envelope.of(run.runId()), generation.number(), outcome.ranking(), survivors,
                outcome.statistics(), report, outcome.controlVariantId(), floor));
        metrics.generationClosed(run.runId(), generation.openedAt(), generation.verification());
        lifecycle.afterClose(run, generation, report);
    }

    /** The run's noise floor, as generation 0 measured it; null before, or when it could not. */
    static NoiseFloor noiseFloor(RunState run) {
        GenerationState first = run.generation(0);
        return first == null ? null : first.noiseFloor();
    }

    /** The metrics of the control's seeds that completed and that no sanity gate held. */
    private static List<TrainingMetrics> controlSeeds(GenerationState generation,
                                                      Map<String, VariantRecord> byAssignment) {
        return generation.assignments().stream().filter(GenerationPlanner::isControl)
                .map(Assignment::assignmentId).map(byAssignment::get)
                .filter(r -> r != null && r.result() instanceof TrainingCompleted c && !c.flagged())
                .map(r -> ((TrainingCompleted) r.result()).metrics()).toList();
    }

    /** Each assignment's last attempt: a runtime repair stands in for the variant it repairs. */
    private Map<String, VariantRecord> byAssignment(RunState run, GenerationState generation) {
        return Attempts.lastByAssignment(store.variants(run.runId(), generation.number()));
    }
}
