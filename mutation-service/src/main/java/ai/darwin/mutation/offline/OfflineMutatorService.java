package ai.darwin.mutation.offline;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The offline mutator as the service uses it: seeded by the assignment, and on a repair a fresh draw with the
 * next seed of the same assignment (its changes are independent draws, so there is nothing to fix in place).
 */
@ApplicationScoped
public class OfflineMutatorService implements Mutator {

    public static final MutatorInfo INFO = new MutatorInfo("offline", null);

    private final OfflineMutator mutator = new OfflineMutator();

    @Override
    public MutationSession open(MutationRequest request) {
        return new MutationSession() {
            private int attempts;

            @Override
            public Attempt attempt(List<String> problems) {
                String salt = attempts == 0 ? "" : "#" + attempts;
                attempts++;
                long seed = AssignmentSeed.of(request.assignment().trainingSeed(),
                        request.assignment().assignmentId() + salt);
                OfflineMutation mutation;
                try {
                    mutation = mutator.mutate(request.parentSource(), seed, request.preset());
                } catch (IllegalArgumentException e) {
                    return Attempt.failed("", List.of(e.getMessage()), List.of());
                }
                if (mutation.unchanged()) {
                    return Attempt.failed(mutation.description(), List.of("the offline mutator found nothing to change"),
                            List.of());
                }
                return Attempt.of(mutation.source(), mutation.description(), List.of());
            }

            @Override
            public TokenUsage usage() {
                return TokenUsage.NONE;
            }

            @Override
            public MutatorInfo info() {
                return INFO;
            }
        };
    }
}
