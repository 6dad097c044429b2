package ai.darwin.mutation.offline;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The random knob mutator ({@code random}; {@code offline} in runs from before the learning mutator), kept as the
 * baseline the learning one is measured against, as the service uses it: seeded by the assignment, and on a repair
 * a fresh draw with the next seed of the same assignment (its changes are independent draws, so there is nothing to
 * fix in place).
 */
@ApplicationScoped
public class OfflineMutatorService implements Mutator {

    public static final MutatorInfo INFO = new MutatorInfo("random", null);
    /** The name runs gave this mutator before the learning one ({@code optimizer}) became the default. */
    public static final String LEGACY_KIND = "offline";

    private final OfflineMutator mutator = new OfflineMutator();

    @Override
    public MutationSession open(MutationRequest request) {
        return MutationSession.withoutLlm(INFO, (attempt, problems) -> {
            String salt = attempt == 0 ? "" : "#" + attempt;
            long seed = AssignmentSeed.of(request.assignment().trainingSeed(),
                    request.assignment().assignmentId() + salt);
            OfflineMutation mutation;
            try {
                mutation = mutator.mutate(request.parentSource(), seed, request.preset());
            } catch (IllegalArgumentException e) {
                return Attempt.failed("", List.of(e.getMessage()), List.of());
            }
            if (mutation.unchanged()) {
                return Attempt.failed(mutation.description(), List.of("the random mutator found nothing to change"),
                        List.of());
            }
            return Attempt.of(mutation.source(), mutation.description(), List.of());
        });
    }
}
