package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.run.FitnessSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FitnessTest {

    @Test
    void lexicographicRanksByBitsPerByteThenMfu() {
        Fitness fitness = Fitness.of(new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()));
        List<String> ranked = Stream.of(
                        Metrics.candidate("slow-good", "a", 1.50, 0.10),
                        Metrics.candidate("bad", "b", 1.90, 0.90),
                        Metrics.candidate("fast-good", "c", 1.50, 0.30))
                .sorted(fitness.bestFirst()).map(Candidate::variantId).toList();
        assertThat(ranked).containsExactly("fast-good", "slow-good", "bad");
        assertThat(fitness.score(Metrics.of(1.5, 0.1, 1))).isEqualTo(-1.5);
    }

    @Test
    void weightedSumsSignedMetrics() {
        Fitness fitness = Fitness.of(new FitnessSpec("weighted", List.of(), Map.of("val_bpb", -1.0, "mfu", 2.0)));
        assertThat(fitness.score(Metrics.of(1.5, 0.25, 1))).isEqualTo(-1.0);
        List<String> ranked = Stream.of(Metrics.candidate("x", "a", 1.5, 0.25), Metrics.candidate("y", "b", 1.4, 0.0))
                .sorted(fitness.bestFirst()).map(Candidate::variantId).toList();
        assertThat(ranked).containsExactly("x", "y");
    }

    @Test
    void unknownMetricsAndModesAreRejectedByName() {
        assertThatThrownBy(() -> Fitness.of(new FitnessSpec("lexicographic", List.of("accuracy"), Map.of())))
                .hasMessageContaining("unknown fitness metric 'accuracy'");
        assertThatThrownBy(() -> Fitness.of(new FitnessSpec("vibes", List.of(), Map.of())))
                .hasMessageContaining("'vibes'");
    }
}
