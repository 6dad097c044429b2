package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leaderboard's change column shows the change, the first line of a variant's reasoning. */
class LeaderboardTest {

    static final String OFFLINE = """
            CPU_LEARNING_RATE 1e-3f → 2.4e-3f; GELU → squared ReLU
            - optimizer: peak learning rate: CPU_LEARNING_RATE 1e-3f → 2.4e-3f. A higher peak learns faster.
            - activation: MLP activation: GELU → squared ReLU. Squared ReLU (So et al., Primer) trained faster.
            Offline mutation, seed -8985326354653137800, preset cpu.""";

    @Test
    void theChangeColumnShowsTheChange() throws Exception {
        JsonNode leaderboard = EventCodec.mapper().readTree("""
                [{"variantId": "run-1-g1-a0-v", "generation": 1, "agentId": "agent-1", "valBitsPerByte": 2.1234,
                  "mfu": 0.0123, "tokensPerSecond": 9876, "reasoning": %s}]""".formatted(
                EventCodec.mapper().writeValueAsString(OFFLINE)));

        List<String> lines = Leaderboard.lines(leaderboard);

        assertThat(lines.get(2)).contains("run-1-g1-a0-v", "2.1234", "1.23%")
                .endsWith("  CPU_LEARNING_RATE 1e-3f → 2.4e-3f; GELU → squared ReLU");
    }

    @Test
    void aLongChangeIsCutToItsColumnWithAnEllipsisAndEmptyLinesAreSkipped() {
        String change = Leaderboard.change("\n  " + "x".repeat(200) + "\nsecond");
        assertThat(change).hasSize(Leaderboard.CHANGE_CHARS).endsWith("x…");
        assertThat(Leaderboard.change("")).isEmpty();
        assertThat(Leaderboard.lines(null)).last().asString().contains("no leaderboard");
    }
}
