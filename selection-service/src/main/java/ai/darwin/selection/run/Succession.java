package ai.darwin.selection.run;

import ai.darwin.events.generation.Survivor;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.selection.ga.Candidate;
import ai.darwin.selection.ga.Fitness;
import ai.darwin.selection.ga.Selection;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.RunState.AgentSlot;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Who carries on after a mutation generation: the program each agent takes into the next one (elitism and tournament
 * over this generation's programs and those the agents carried into it), and the run's champion.
 */
@ApplicationScoped
class Succession {

    private final SelectionStore store;

    Succession(SelectionStore store) {
        this.store = store;
    }

    /** Chooses the survivors, gives them to the agents and crowns the champion. */
    List<Survivor> survivors(RunState run, GenerationState generation, GenerationOutcome outcome, Fitness fitness) {
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
                    run.children(), new Random(run.config().seed() * 131 + generation.number()));
            run.steering().promotionsApplied();
            crownBest(run, pool, fitness, earlierResults);
        }
        run.carry(survivors.stream().map(s -> new AgentSlot(s.agentId(), s.variantId())).toList());
        return survivors;
    }

    private static void crownBest(RunState run, List<Candidate> pool, Fitness fitness,
                                  Map<String, TrainingResult> earlierResults) {
        List<Candidate> contenders = new ArrayList<>(pool);
        String champion = run.championVariantId();
        if (champion != null && contenders.stream().noneMatch(c -> c.variantId().equals(champion))
                && earlierResults.get(champion) instanceof TrainingCompleted r) {
            contenders.add(new Candidate(r.variantId(), "champion", r.metrics()));
        }
        Candidate best = fitness.bestFirst(contenders).get(0);
        run.crown(best.variantId(), best.metrics().valBitsPerByte());
    }
}
