package ai.darwin.mutation.proposal;

/** The mutator cannot answer (LLM unreachable after its retries, cost cap reached): another one takes over. */
public class MutatorUnavailableException extends Exception {

    public MutatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
