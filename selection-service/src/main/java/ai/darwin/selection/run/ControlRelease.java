package ai.darwin.selection.run;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.selection.store.GenerationState;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.SelectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sends each generation's controls out among its mutations rather than before them: of n controls and M mutations,
 * control j (from 0) goes once ⌈(j + 1)·M / (n + 1)⌉ mutations are proposed, so one control goes out halfway and
 * generation 0's three seeds at a quarter, a half and three quarters. Published when the generation opens, a control
 * would train while the mutators are still at work (an LLM takes minutes): alone on the machine, or while the
 * services are still starting, as the baseline that trained at a third of its later speed did. Among the mutations,
 * it trains in the same stretch of time as the candidates it is compared with.
 */
@ApplicationScoped
class ControlRelease {

    private final SelectionStore store;
    private final GenerationPlanner planner;

    ControlRelease(SelectionStore store, GenerationPlanner planner) {
        this.store = store;
        this.planner = planner;
    }

    /** Releases the controls that are due; the caller saves the run, whose outbox then holds their variants. */
    void release(RunState run, GenerationState generation) {
        if (generation.closed() || generation.heldBack().isEmpty()) {
            return;
        }
        List<Assignment> controls = generation.assignments().stream().filter(GenerationPlanner::isControl).toList();
        long mutations = generation.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).count();
        long proposed = store.variants(run.runId(), generation.number()).stream()
                .filter(r -> r.proposal().kind() == AssignmentKind.MUTATE && r.proposal().attemptNumber() == 1).count();
        for (int j = 0; j < controls.size(); j++) {
            long due = (long) Math.ceil((j + 1.0) * mutations / (controls.size() + 1));
            String control = controls.get(j).assignmentId();
            if (proposed >= due && generation.heldBack().contains(control)) {
                planner.releaseControl(run, generation, control);
            }
        }
    }
}
