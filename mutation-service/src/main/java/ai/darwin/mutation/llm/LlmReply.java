package ai.darwin.mutation.llm;

/**
 * What the LLM answered.
 *
 * @param content          the message text (empty when there was none)
 * @param promptTokens     tokens sent, as the server counted them
 * @param completionTokens tokens received
 */
public record LlmReply(String content, long promptTokens, long completionTokens) {
}
