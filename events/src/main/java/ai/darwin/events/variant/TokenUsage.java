package ai.darwin.events.variant;

/**
 * LLM usage of one proposal, repairs included.
 *
 * @param promptTokens     tokens sent
 * @param completionTokens tokens received
 * @param llmCalls         requests made
 * @param costUsd          estimated cost from the configured price table
 */
public record TokenUsage(long promptTokens, long completionTokens, int llmCalls, double costUsd) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);
}
