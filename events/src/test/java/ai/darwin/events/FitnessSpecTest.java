package ai.darwin.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.run.FitnessSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fitness spec says in words exactly what it optimises, for the prompts and the terminal. */
class FitnessSpecTest {

    @Test
    void theDefaultNamesQualityThenSpeedWithTiesWithinTheNoiseFloor() {
        String objective = FitnessSpec.DEFAULT.describe();

        assertThat(FitnessSpec.DEFAULT.objectives()).containsExactly("val_bpb", "mfu", "tokens_per_second");
        assertThat(objective).startsWith("First lower validation bits per byte (val_bpb); then higher model FLOPs "
                + "utilisation (MFU); then more training tokens per second.")
                .contains("within the run's noise floor", "same kind of device");
    }

    @Test
    void aParetoRankDefaultsToQualityAndSpeed() {
        FitnessSpec pareto = new FitnessSpec("pareto", List.of(), Map.of());

        assertThat(pareto.objectives()).containsExactly("val_bpb", "tokens_per_second");
        assertThat(pareto.describe()).startsWith("Pareto rank over lower validation bits per byte (val_bpb) and more "
                + "training tokens per second");
    }

    @Test
    void speedAloneAndAWeightedSumAreNamedToo() {
        assertThat(new FitnessSpec("lexicographic", List.of("tokens_per_second"), Map.of()).describe())
                .startsWith("First more training tokens per second.");
        assertThat(new FitnessSpec("weighted", List.of(), Map.of("val_bpb", -1.0, "mfu", 2.0)).describe())
                .isEqualTo("The weighted sum 2.0 × mfu - 1.0 × val_bpb, higher is better.");
    }
}
