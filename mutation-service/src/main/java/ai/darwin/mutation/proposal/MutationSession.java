package ai.darwin.mutation.proposal;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import java.util.List;

/** The attempts of one mutator on one assignment, with what they cost. */
public interface MutationSession {

    /**
     * @param problems why the previous attempt was rejected; empty for the first attempt
     * @throws MutatorUnavailableException when the mutator cannot answer at all (LLM unreachable, cost cap reached)
     */
    Attempt attempt(List<String> problems) throws MutatorUnavailableException;

    /** Tokens and cost of every attempt so far. */
    TokenUsage usage();

    MutatorInfo info();

    /**
     * A session of a mutator without an LLM: free, and always available.
     *
     * @param attempts the n-th attempt (from 0) for the previous attempt's problems
     */
    static MutationSession withoutLlm(MutatorInfo info, java.util.function.BiFunction<Integer, List<String>, Attempt>
            attempts) {
        return new MutationSession() {
            private int made;

            @Override
            public Attempt attempt(List<String> problems) {
                return attempts.apply(made++, problems);
            }

            @Override
            public TokenUsage usage() {
                return TokenUsage.NONE;
            }

            @Override
            public MutatorInfo info() {
                return info;
            }
        };
    }
}
