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
import java.util.List;
import java.util.Map;

/**
 * Closes a generation, exactly once: when every assignment's last attempt has its result and no runtime repair is
 * due for it (and, for a verification, the sequential test wants no more pairs), or at the deadline, when stragglers
 * rank as timeouts. Generation 0 first measures the run's noise floor from its control's seeds. It ranks the last
 * attempts, chooses the survivors and the champion (or, closing a verification generation, compares the champion
 * with the seed), queues GenerationClosed, and lets the run's lifecycle decide what follows.
 */
@ApplicationScoped
class GenerationCloser {

    private final SelectionStore store;
    private final Succession succession;
    private final RunLifecycle lifecycle;
    private final GenerationPlanner planner;
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

    /** Closes it whatever is missing: a variant without a result by now ranks as timed out. */
    void close(RunState run, GenerationState generation) {
        generation.close();
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
