package ai.darwin.mutation.search;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

    /** The most measured outcomes a proposal lists. */
    static final int OUTCOMES_SHOWN = 10;

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

    /**
     * What the optimiser fitted its model to, for people to read beside its reasoning: how many measured programs of
     * the run, and the best {@value #OUTCOMES_SHOWN} of them; empty before anything was measured (it chose from its
     * prior alone).
     */
    public List<String> given(String runId) {
        List<SearchHistory.Outcome> outcomes = history.measured(runId).stream().map(SearchHistory.Measured::outcome)
                .sorted(Comparator.comparingDouble(SearchHistory.Outcome::loss)
                        .thenComparing(SearchHistory.Outcome::variantId))
                .toList();
        if (outcomes.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("The optimiser's model was fitted to " + outcomes.size() + " measured program"
                + (outcomes.size() == 1 ? "" : "s") + " of this run (Δ val_bpb against each generation's control; a "
                + "failure counts as the worst); the best:");
        outcomes.stream().limit(OUTCOMES_SHOWN).map(OptimizerMutator::describe).forEach(lines::add);
        return lines;
    }

    private static String describe(SearchHistory.Outcome outcome) {
        double loss = outcome.loss();
        return outcome.variantId() + ": " + (Double.isInfinite(loss) ? "failed"
                : loss == 0 ? "a tie with its control (within the noise floor)"
                : String.format(Locale.ROOT, "Δ val_bpb %+.4f", loss));
    }
}
