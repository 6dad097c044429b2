package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.generation.NoiseFloor;
import ai.darwin.events.run.FitnessSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FitnessTest {

    /** val_bpb moves by 0.01 between seeds here; MFU by 0.02, tokens/s by 300, on the CPU. */
    static final NoiseFloor FLOOR = new NoiseFloor(3, 0.01, 0.02, 300.0, "cpu");

    @Test
    void withoutANoiseFloorLexicographicRanksByRawValues() {
        Fitness fitness = Fitness.of(new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()));
        List<String> ranked = ids(fitness.bestFirst(List.of(
                Metrics.candidate("slow-good", "a", 1.50, 0.10),
                Metrics.candidate("bad", "b", 1.90, 0.90),
                Metrics.candidate("fast-good", "c", 1.50, 0.30))));
        assertThat(ranked).containsExactly("fast-good", "slow-good", "bad");
        assertThat(fitness.scores(List.of(Metrics.candidate("x", "a", 1.5, 0.1)))).containsEntry("x", -1.5);
    }

    @Test
    void aValBpbDifferenceWithinTheNoiseFloorIsATieThatMfuThenTokensPerSecondDecide() {
        Fitness fitness = Fitness.of(FitnessSpec.DEFAULT, FLOOR);
        List<String> ranked = ids(fitness.bestFirst(List.of(
                Metrics.candidate("luckier-seed", 1.500, 0.10, 9_000, "cpu"),
                Metrics.candidate("better-mfu", 1.507, 0.30, 9_000, "cpu"),
                Metrics.candidate("same-mfu-faster", 1.505, 0.29, 9_500, "cpu"),
                Metrics.candidate("clearly-worse", 1.600, 0.90, 20_000, "cpu"))));

        // 0.007 bpb is noise; MFU 0.30 and 0.29 tie within 0.02, so tokens/s decides between them
        assertThat(ranked).containsExactly("same-mfu-faster", "better-mfu", "luckier-seed", "clearly-worse");
    }

    @Test
    void throughputDecidesATieOnlyBetweenProgramsOnTheSameKindOfDevice() {
        Fitness fitness = Fitness.of(FitnessSpec.DEFAULT, FLOOR);
        List<Candidate> mixed = List.of(
                Metrics.candidate("gpu", 1.505, 0.40, 900_000, "NVIDIA H100"),
                Metrics.candidate("cpu", 1.500, 0.10, 9_000, "cpu"));

        assertThat(ids(fitness.bestFirst(mixed))).containsExactly("cpu", "gpu");
        assertThat(ids(Fitness.of(FitnessSpec.DEFAULT).bestFirst(List.of(
                Metrics.candidate("gpu", 1.500, 0.40, 900_000, "NVIDIA H100"),
                Metrics.candidate("cpu", 1.500, 0.10, 9_000, "cpu"))))).containsExactly("cpu", "gpu");
    }

    @Test
    void paretoRanksByFrontsOverQualityAndSpeed() {
        Fitness fitness = Fitness.of(new FitnessSpec("pareto", List.of(), Map.of()));
        List<Candidate> pool = List.of(
                Metrics.candidate("best-bpb", 1.40, 0.1, 8_000, "cpu"),
                Metrics.candidate("fastest", 1.60, 0.1, 14_000, "cpu"),
                Metrics.candidate("dominated", 1.65, 0.1, 7_000, "cpu"),
                Metrics.candidate("balanced", 1.50, 0.1, 11_000, "cpu"));

        assertThat(ids(fitness.bestFirst(pool))).containsExactly("best-bpb", "balanced", "fastest", "dominated");
        assertThat(fitness.scores(pool)).containsEntry("best-bpb", -1.0).containsEntry("fastest", -1.0)
                .containsEntry("dominated", -2.0);
    }

    @Test
    void weightedSumsSignedMetrics() {
        Fitness fitness = Fitness.of(new FitnessSpec("weighted", List.of(), Map.of("val_bpb", -1.0, "mfu", 2.0)));
        List<Candidate> pool = List.of(Metrics.candidate("x", "a", 1.5, 0.25), Metrics.candidate("y", "b", 1.4, 0.0));
        assertThat(fitness.scores(pool)).containsEntry("x", -1.0);
        assertThat(ids(fitness.bestFirst(pool))).containsExactly("x", "y");
    }

    @Test
    void unknownMetricsAndModesAreRejectedByName() {
        assertThatThrownBy(() -> Fitness.of(new FitnessSpec("lexicographic", List.of("accuracy"), Map.of())))
                .hasMessageContaining("unknown fitness metric 'accuracy'");
        assertThatThrownBy(() -> Fitness.of(new FitnessSpec("vibes", List.of(), Map.of())))
                .hasMessageContaining("'vibes'");
    }

    private static List<String> ids(List<Candidate> ranked) {
        return ranked.stream().map(Candidate::variantId).toList();
    }
}
