package ai.darwin.mutation.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.program.JavaSource;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.harness.compile.ProgramCompiler;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OfflineMutatorTest {

    static final String SEED = SeedProgram.source();
    static final OfflineMutator MUTATOR = new OfflineMutator();
    static List<OfflineMutation> mutations;

    @BeforeAll
    static void mutateTwoHundredTimes() {
        mutations = IntStream.range(0, 200)
                .mapToObj(i -> MUTATOR.mutate(SEED, AssignmentSeed.of(1000 + i, "run-1-g1-a" + i),
                        i % 2 == 0 ? "cpu" : null))
                .toList();
    }

    @Test
    void twoHundredSeededMutationsOfTheSeedProgramAllCompileAndPassTheForbiddenApiCheck() throws Exception {
        Map<String, OfflineMutation> distinct = new LinkedHashMap<>();
        for (OfflineMutation mutation : mutations) {
            assertThat(mutation.unchanged()).isFalse();
            assertThat(mutation.source()).isNotEqualTo(SEED);
            distinct.putIfAbsent(mutation.source(), mutation);
        }
        // javac takes about 0.3 s a program: two threads, one per core of the build machine
        ExecutorService javac = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> compiled = new ArrayList<>();
            for (OfflineMutation mutation : distinct.values()) {
                compiled.add(javac.submit(() -> assertThatCode(() -> ProgramCompiler.compile(mutation.source()))
                        .as(mutation.description()).doesNotThrowAnyException()));
            }
            for (Future<?> result : compiled) {
                result.get();
            }
        } finally {
            javac.shutdownNow();
        }
    }

    @Test
    void theyAreDiverseAndNoKindOfChangeDominates() {
        assertThat(mutations.stream().map(OfflineMutation::source).distinct().count()).isGreaterThanOrEqualTo(150);
        Map<String, Integer> byCategory = new HashMap<>();
        mutations.forEach(m -> m.changes().forEach(c -> byCategory.merge(c.category(), 1, Integer::sum)));
        int total = byCategory.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(byCategory).containsOnlyKeys(Knobs.MODEL, Knobs.SHAPE, Knobs.OPTIMIZER, Knobs.SCHEDULE,
                Knobs.REGULARISATION, Knobs.NORMALISATION, "activation", Knobs.INITIALISATION);
        assertThat(byCategory.values()).allMatch(n -> n <= total / 5, "no kind above 20% of " + total + ": "
                + byCategory);
        assertThat(mutations.stream().mapToInt(m -> m.changes().size()).distinct().sorted().toArray())
                .containsExactly(1, 2, 3);
    }

    @Test
    void theSameSeedGivesTheSameVariantAndItsDescriptionNamesEveryChange() {
        long seed = AssignmentSeed.of(42, "run-7-g3-a2");
        assertThat(seed).isEqualTo(AssignmentSeed.of(42, "run-7-g3-a2"))
                .isNotEqualTo(AssignmentSeed.of(43, "run-7-g3-a2"))
                .isNotEqualTo(AssignmentSeed.of(42, "run-7-g3-a3"));
        OfflineMutation first = MUTATOR.mutate(SEED, seed, "cpu");
        assertThat(MUTATOR.mutate(SEED, seed, "cpu")).isEqualTo(first);
        assertThat(first.description()).endsWith("Offline mutation, seed " + seed + ", preset cpu.");
        first.changes().forEach(change -> assertThat(first.description()).contains(change.summary(), change.why()));
        assertThat(first.description()).contains("→");
    }

    @Test
    void theFirstLineIsTheChangeItselfForTheLeaderboardsChangeColumn() {
        for (OfflineMutation mutation : mutations.subList(0, 50)) {
            String headline = mutation.description().lines().findFirst().orElseThrow();
            assertThat(headline).as(mutation.description())
                    .isEqualTo(mutation.changes().stream().map(Change::fromTo).collect(Collectors.joining("; ")))
                    .contains("→").doesNotContain("Offline mutation", "seed");
        }
        OfflineMutation learningRate = new OfflineMutator(List.of(Knobs.ALL.stream()
                .filter(k -> k instanceof ValueKnob v && v.constant().equals("LEARNING_RATE")).findFirst().orElseThrow()))
                .mutate(SEED, 7, "cpu");
        assertThat(learningRate.description().lines().findFirst().orElseThrow())
                .matches("CPU_LEARNING_RATE [0-9.e-]+f → [0-9.e-]+f");
    }

    @Test
    void widthStaysAMultipleOfTheHeadsAndTheKnownPresetAloneChanges() {
        for (OfflineMutation mutation : mutations.subList(0, 100)) {
            ProgramModel program = ProgramModel.of(JavaSource.parse(mutation.source()), null);
            for (String preset : List.of("CPU_", "GPU_")) {
                double width = program.constant(preset, "N_EMBD").orElseThrow().value();
                double heads = program.constant(preset, "N_HEAD").orElseThrow().value();
                assertThat(width % heads).as(mutation.description()).isZero();
                assertThat(width / heads).isGreaterThanOrEqualTo(8);
            }
        }
        for (int i = 0; i < 200; i += 2) {
            assertThat(mutations.get(i).description()).doesNotContain("GPU_");
        }
        assertThat(mutations.stream().filter(m -> m.description().contains("GPU_"))).isNotEmpty();
    }

    @Test
    void literalsKeepTheirTypeAndReadNaturally() {
        Constant lr = new Constant("LR", Constant.Type.FLOAT, 1e-3, "1e-3f", 0, 5);
        assertThat(lr.format(2e-3)).isEqualTo("2e-3f");
        assertThat(new Constant("P", Constant.Type.FLOAT, 0.2, "0.2f", 0, 4).format(0.002)).isEqualTo("0.002f");
        assertThat(lr.format(3.3e-4)).isEqualTo("3.3e-4f");
        assertThat(lr.format(0)).isEqualTo("0.0f");
        assertThat(lr.format(1e-8)).isEqualTo("1e-8f");
        assertThat(new Constant("N", Constant.Type.INT, 4, "4", 0, 1).format(6)).isEqualTo("6");
        assertThat(new Constant("B", Constant.Type.BOOLEAN, 0, "false", 0, 5).format(1)).isEqualTo("true");
        assertThat(new Constant("D", Constant.Type.DOUBLE, 0.1, "0.1", 0, 3).format(0.15)).isEqualTo("0.15");
    }

    @Test
    void aProgramWithNothingItKnowsIsLeftAsItIs() {
        String bare = "import ai.darwin.training.sdk.*;\npublic class Bare implements TrainingProgram {\n"
                + "    public TrainedModel train(TrainingContext ctx) { return null; }\n}\n";
        OfflineMutation mutation = MUTATOR.mutate(bare, 1, null);
        assertThat(mutation.unchanged()).isTrue();
        assertThat(mutation.source()).isEqualTo(bare);
    }
}
