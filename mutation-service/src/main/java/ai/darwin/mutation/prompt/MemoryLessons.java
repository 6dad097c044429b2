package ai.darwin.mutation.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lessons from memory-service's public read API ({@code GET /lessons?runId=…&maxChars=…}): which kinds of change
 * helped or hurt in this run (or, asked to, in the runs with its dataset and preset), each kind of change with its
 * count and mean Δval_bpb ± SE, and which failures recur; none when memory-service cannot answer in time.
 */
final class MemoryLessons implements LessonsSource {

    private final MemoryClient memory;
    private final int maxChars;
    private final boolean acrossRuns;

    /** @param acrossRuns lessons also from the other runs with the run's dataset and preset */
    MemoryLessons(MemoryClient memory, int maxChars, boolean acrossRuns) {
        this.memory = memory;
        this.maxChars = maxChars;
        this.acrossRuns = acrossRuns;
    }

    @Override
    public List<String> lessons(String runId, String agentId) {
        return read(runId).map(answer -> answer.path("text").asText("").lines().filter(line -> !line.isBlank())
                .toList()).orElse(List.of());
    }

    @Override
    public List<ChangeKindEffect> effects(String runId) {
        return read(runId).map(answer -> {
            List<ChangeKindEffect> effects = new ArrayList<>();
            for (String list : List.of("helped", "hurt")) {
                answer.path(list).forEach(kind -> effects.add(new ChangeKindEffect(kind.path("kind").asText(),
                        kind.path("count").asInt(), kind.path("meanDelta").asDouble(),
                        kind.path("standardError").isNumber() ? kind.path("standardError").asDouble() : null)));
            }
            return effects;
        }).orElse(List.of());
    }

    private Optional<JsonNode> read(String runId) {
        return memory.get("/lessons?maxChars=" + maxChars + "&acrossRuns=" + acrossRuns + "&runId="
                + URLEncoder.encode(runId, StandardCharsets.UTF_8), JsonNode.class, "lessons of run " + runId);
    }
}
