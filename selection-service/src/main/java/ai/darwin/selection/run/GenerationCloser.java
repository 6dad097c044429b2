package ai.darwin.selection.run;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import ai.darwin.selection.store.VariantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes a generation, exactly once: when every assignment has its result, or at the deadline, when stragglers rank
 * as timeouts. It ranks the variants, chooses the survivors and the champion (or, closing a verification generation,
 * compares the champion with the seed), queues GenerationClosed, and lets the run's lifecycle decide what follows.
 */
@ApplicationScoped
class GenerationCloser {

    private final SelectionStore store;
    private final Succession succession;
    private final RunLifecycle lifecycle;

    GenerationCloser(SelectionStore store, Succession succession, RunLifecycle lifecycle) {
        this.store = store;
        this.succession = succession;
        this.lifecycle = lifecycle;
    }

    /** @return whether it closed the run's current generation, which then needs saving */
    boolean closeIfComplete(RunState run) {
        GenerationState generation = run.current();
        if (generation == null || generation.closed() || run.completed()) {
            return false;
        }
        Map<String, VariantRecord> byAssignment = byAssignment(run, generation);
        boolean complete = generation.assignments().stream().allMatch(a -> {
            VariantRecord record = byAssignment.get(a.assignmentId());
            return record != null && record.result() != null;
        });
        if (complete) {
            close(run, generation);
        }
        return complete;
    }

    /** Closes it whatever is missing: a variant without a result by now ranks as timed out. */
    void close(RunState run, GenerationState generation) {
        generation.close();
        Fitness fitness = Fitness.of(run.config().fitness());
        GenerationOutcome outcome = GenerationRanking.rank(run, generation.assignments(),
                byAssignment(run, generation), fitness);
        List<Survivor> survivors = generation.verification()
                ? run.agents().stream().map(a -> new Survivor(a.agentId(), a.variantId(), "carried")).toList()
                : succession.survivors(run, generation, outcome, fitness);
        VerificationReport report = generation.verification()
                ? VerificationStatistics.report(run, generation, outcome) : null;
        run.queue(new GenerationClosed(Envelope.of(run.runId()), generation.number(), outcome.ranking(), survivors,
                outcome.statistics(), report));
        lifecycle.afterClose(run, generation, report);
    }

    private Map<String, VariantRecord> byAssignment(RunState run, GenerationState generation) {
        Map<String, VariantRecord> byAssignment = new LinkedHashMap<>();
        for (VariantRecord record : store.variants(run.runId(), generation.number())) {
            byAssignment.putIfAbsent(record.proposal().assignmentId(), record);
        }
        return byAssignment;
    }
}
