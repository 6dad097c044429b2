package ai.darwin.mutation.proposal;

/** Makes proposals for assignments: the offline mutator, the LLM, the LLM chunk by chunk. */
public interface Mutator {

    /** A session for one assignment: its first attempt, then repairs. */
    MutationSession open(MutationRequest request);
}
