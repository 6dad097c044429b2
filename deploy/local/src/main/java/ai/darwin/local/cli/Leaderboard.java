package ai.darwin.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaderboard as the terminal shows it, from memory-service's {@code /runs/{id}/leaderboard}. Its last column
 * is the change a variant made: the first line of its reasoning, where mutators put the change itself.
 */
final class Leaderboard {

    /** The change column's width: the last column, so it may run long, but one line of a wide terminal. */
    static final int CHANGE_CHARS = 80;

    private Leaderboard() {
    }

    /** @param leaderboard the answer's entries, best first; null when memory-service had none */
    static List<String> lines(JsonNode leaderboard) {
        List<String> lines = new ArrayList<>();
        lines.add("Leaderboard (validation bits per byte, lower is better):");
        lines.add(String.format("  %-4s %-30s %-4s %-9s %9s %8s %10s  %s", "rank", "variant", "gen", "agent",
                "val_bpb", "mfu", "tok/s", "change"));
        if (leaderboard == null || leaderboard.isEmpty()) {
            lines.add("  (memory-service has no leaderboard for this run)");
            return lines;
        }
        int rank = 1;
        for (JsonNode entry : leaderboard) {
            lines.add(String.format("  %-4d %-30s %-4s %-9s %9.4f %7.2f%% %10.0f  %s", rank++,
                    entry.path("variantId").asText(), entry.path("generation").asText(),
                    entry.path("agentId").asText(), entry.path("valBitsPerByte").asDouble(),
                    100 * entry.path("mfu").asDouble(), entry.path("tokensPerSecond").asDouble(),
                    change(entry.path("reasoning").asText(""))));
        }
        return lines;
    }

    /** The reasoning's first line that says anything, cut to the column with an ellipsis. */
    static String change(String reasoning) {
        String line = reasoning.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (line.codePointCount(0, line.length()) <= CHANGE_CHARS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, CHANGE_CHARS - 1)) + "…";
    }
}
