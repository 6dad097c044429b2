package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void theDefaultBudgetIsTheSameNumberOfTokensForEveryVariantAndSecondsStayAvailable() {
        RunOptions defaults = RunOptions.parse(List.of(), REPOSITORY);
        assertThat(defaults.maxTokens()).isEqualTo(RunOptions.DEFAULT_TOKENS);
        assertThat(defaults.maxSeconds()).isZero();
        // about the wall-clock default's 25 s, a little less to pay for the controls and verification pairs
        assertThat(defaults.trainingSeconds()).isBetween(15.0, 25.0);
        assertThat(defaults.seeds()).isEqualTo(5);

        RunOptions wallClock = RunOptions.parse(List.of("--budget-seconds", "25"), REPOSITORY);
        assertThat(wallClock.maxTokens()).isZero();
        assertThat(wallClock.maxSeconds()).isEqualTo(25);
        RunOptions both = RunOptions.parse(List.of("--budget-seconds", "60", "--budget-tokens", "50000"), REPOSITORY);
        assertThat(both.maxTokens()).isEqualTo(50_000);
        assertThat(both.maxSeconds()).isEqualTo(60);
        assertThat(RunOptions.usage()).contains("--budget-tokens " + RunOptions.DEFAULT_TOKENS + " | --budget-seconds S",
                "--seeds 5");
    }

    @Test
    void theEstimateCountsTheControlsTheNoiseFloorAndTheMostVerificationPairs() {
        // 4 mutations + 1 control in each of 3 generations, 2 more seeds of the control, up to 5 pairs
        assertThat(RunOptions.parse(List.of(), REPOSITORY).variants()).isEqualTo(15 + 2 + 10);
    }

    @Test
    void trainingIsIsolatedUnlessTheOperatorSaysOtherwise() {
        assertThat(RunOptions.parse(List.of("--population", "2"), REPOSITORY).allowUnisolated()).isFalse();
        RunOptions allowed = RunOptions.parse(List.of("--allow-unisolated", "--population", "2"), REPOSITORY);
        assertThat(allowed.allowUnisolated()).isTrue();
        assertThat(allowed.population()).isEqualTo(2);
        assertThat(RunOptions.usage()).contains("--allow-unisolated");
    }
}
