package ai.darwin.mutation.prompt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Outcomes from memory-service's {@code GET /prompt-context}; none when it cannot answer in time. */
final class MemoryOutcomes implements OutcomesSource {

    private final MemoryClient memory;
    private final int attempts;
    private final int top;

    /**
     * @param attempts the most attempts in each of the two lists
     * @param top      the most top programs
     */
    MemoryOutcomes(MemoryClient memory, int attempts, int top) {
        this.memory = memory;
        this.attempts = attempts;
        this.top = top;
    }

    @Override
    public Outcomes outcomes(String runId, String parentVariantId, String mutatorVariantId) {
        String query = "/prompt-context?runId=" + encode(runId) + "&parentVariantId=" + encode(parentVariantId)
                + (mutatorVariantId == null ? "" : "&mutatorVariantId=" + encode(mutatorVariantId))
                + "&attempts=" + attempts + "&top=" + top;
        return memory.get(query, Outcomes.class, "outcomes of run " + runId).orElse(Outcomes.NONE);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
