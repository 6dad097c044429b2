package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lessons from memory-service's public read API ({@code GET /lessons?runId=…&maxChars=…}): which kinds of change
 * helped or hurt in this run, and which failures recur; none when memory-service cannot answer in time.
 */
final class MemoryLessons implements LessonsSource {

    private final MemoryClient memory;
    private final int maxChars;

    MemoryLessons(MemoryClient memory, int maxChars) {
        this.memory = memory;
        this.maxChars = maxChars;
    }

    @Override
    public List<String> lessons(String runId, String agentId) {
        return memory.get("/lessons?maxChars=" + maxChars + "&runId=" + URLEncoder.encode(runId,
                        StandardCharsets.UTF_8), JsonNode.class, "lessons of run " + runId)
                .map(answer -> answer.path("text").asText("").lines().filter(line -> !line.isBlank()).toList())
                .orElse(List.of());
    }
}
