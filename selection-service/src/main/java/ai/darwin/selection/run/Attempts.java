package ai.darwin.selection.run;

import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.RuntimeRepair;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.store.RunState;
import ai.darwin.selection.store.VariantRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attempts at a generation's assignments: a variant that failed in training may be followed, within the
 * generation, by its agent's repair (attempt n + 1, see {@link RuntimeRepair}). The last attempt of an assignment
 * is the one that counts; a repair is taken only for the last attempt, and only while one is due, so that a late or
 * stray repair never replaces a result.
 */
final class Attempts {

    private Attempts() {
    }

    /** The last attempt of each assignment that has one, in the order of the records. */
    static Map<String, VariantRecord> lastByAssignment(Collection<VariantRecord> records) {
        Map<String, VariantRecord> last = new LinkedHashMap<>();
        for (VariantRecord record : records) {
            last.merge(record.proposal().assignmentId(), record,
                    (kept, next) -> next.proposal().attemptNumber() > kept.proposal().attemptNumber() ? next : kept);
        }
        return last;
    }

    /** Whether the record's failure sends it back to its agent, so that its generation waits for the repair. */
    static boolean repairDue(RunState run, VariantRecord record) {
        return record.result() instanceof TrainingFailed failure
                && RuntimeRepair.due(record.proposal(), failure, RuntimeRepair.allowed(run.config()));
    }

    /**
     * Whether a proposal may join its assignment: a first attempt when the assignment has none from another variant;
     * a repair when it repairs the assignment's last attempt, whose failure is due a repair. The repair may come
     * before selection has read the failure (the two travel on different topics): then everything but the failure's
     * class is checked, and a repair proposed for a variant that then completes still comes last.
     *
     * @param last the assignment's last attempt so far, or null
     */
    static boolean accepts(RunState run, VariantRecord last, VariantProposed proposal) {
        if (proposal.attemptNumber() == 1) {
            return last == null || last.proposal().variantId().equals(proposal.variantId());
        }
        if (last == null) {
            return false;
        }
        if (last.proposal().variantId().equals(proposal.variantId())) {
            return true;
        }
        VariantProposed failed = last.proposal();
        if (!failed.variantId().equals(proposal.repairOf())
                || proposal.attemptNumber() != failed.attemptNumber() + 1
                || last.result() instanceof TrainingCompleted) {
            return false;
        }
        return last.result() == null
                ? RuntimeRepair.possible(failed, RuntimeRepair.allowed(run.config()))
                : repairDue(run, last);
    }
}
