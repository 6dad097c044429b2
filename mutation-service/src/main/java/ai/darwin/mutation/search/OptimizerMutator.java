package ai.darwin.mutation.search;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The learning mutator ({@code optimizer}), the default without an LLM: one knob change per proposal, chosen by
 * {@link Optimizer} from the run's measured outcomes. A repair tries the next best candidate, never one already
 * tried for the assignment. The chosen program's fingerprint is claimed for the variant as it is chosen, so that
 * proposals made at the same time never pick the same program.
 */
@ApplicationScoped
public class OptimizerMutator implements Mutator {

    public static final String KIND = "optimizer";
    public static final MutatorInfo INFO = new MutatorInfo(KIND, null);

    private final SearchHistory history;
    private final Optimizer optimizer = new Optimizer();

    OptimizerMutator(SearchHistory history) {
        this.history = history;
    }

    @Override
    public MutationSession open(MutationRequest request) {
        Set<String> tried = new HashSet<>();
        return MutationSession.withoutLlm(INFO, (attempt, problems) -> {
            long seed = AssignmentSeed.of(request.assignment().trainingSeed(),
                    request.assignment().assignmentId() + (attempt == 0 ? "" : "#" + attempt));
            Optional<Optimizer.Choice> choice;
            try {
                choice = optimizer.choose(request.parentSource(), request.preset(), request.generation().guidance(),
                        history.measured(request.runId()),
                        // choosing claims: proposals made at the same time in the run skip each other's choice
                        fingerprint -> tried.contains(fingerprint)
                                || history.claim(request.runId(), fingerprint, request.variantId()).isPresent(),
                        seed);
            } catch (IllegalArgumentException e) {
                return Attempt.failed("", List.of(e.getMessage()), List.of());
            }
            if (choice.isEmpty()) {
                return Attempt.failed("", List.of("the optimiser has no candidate left that the run has not "
                        + "proposed already"), List.of());
            }
            tried.add(ProgramFingerprint.of(choice.get().source()));
            return Attempt.of(choice.get().source(), choice.get().reasoning(), List.of());
        });
    }
}
