package ai.darwin.mutation.llm;

import ai.darwin.mutation.proposal.MutatorUnavailableException;
import java.util.List;

/** An OpenAI-compatible chat model. */
public interface LlmClient {

    /** Whether a base URL or an API key is configured: without either, the offline mutator is the default. */
    boolean configured();

    /** Prepares what the first request would otherwise prepare, slowly; makes no request. */
    void warmUp();

    /**
     * @param model    the model name
     * @param messages the conversation so far
     * @throws MutatorUnavailableException when no answer came after the configured retries
     */
    LlmReply complete(String model, List<ChatMessage> messages) throws MutatorUnavailableException;
}
