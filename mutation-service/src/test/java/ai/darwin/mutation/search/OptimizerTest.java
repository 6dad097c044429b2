package ai.darwin.mutation.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ai.darwin.mutation.offline.KnobSpace;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.harness.compile.ProgramCompiler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    static final String SEED = SeedProgram.source();
    static final double SEED_LR = 1e-3;

    /**
     * The run so far: the seed as control, every other learning-rate change (the lower ones won) and eight changes
     * of other knobs, all worse than the control.
     */
    static List<SearchHistory.Measured> lowerLearningRateWon() {
        List<SearchHistory.Measured> measured = new ArrayList<>();
        measured.add(new SearchHistory.Measured(new SearchHistory.Outcome("control", 0), SEED));
        int rates = 0;
        int others = 0;
        for (KnobSpace.Option option : KnobSpace.options(SEED, "cpu")) {
            double lr = Double.parseDouble(option.vector().get("CPU_LEARNING_RATE"));
            if (lr != SEED_LR && rates++ % 2 == 0) {
                measured.add(new SearchHistory.Measured(new SearchHistory.Outcome("lr" + rates,
                        lr < SEED_LR ? -0.05 : 0.06), option.source()));
            } else if (lr == SEED_LR && others < 8) {
                others++;
                measured.add(new SearchHistory.Measured(new SearchHistory.Outcome("other" + others,
                        0.03 + 0.002 * others), option.source()));
            }
        }
        return measured;
    }

    static Set<String> fingerprints(List<SearchHistory.Measured> measured) {
        Set<String> taken = new HashSet<>();
        measured.forEach(m -> taken.add(ProgramFingerprint.of(m.source())));
        return taken;
    }

    static double learningRate(String source) {
        return Double.parseDouble(KnobSpace.vector(source, "cpu").get("CPU_LEARNING_RATE"));
    }

    @Test
    void afterALowerLearningRateWonItProposesAnotherLowLearningRateItHasNotTriedAndSaysWhy() throws Exception {
        List<SearchHistory.Measured> measured = lowerLearningRateWon();
        Set<String> taken = fingerprints(measured);
        for (long seed = 1; seed <= 3; seed++) {
            Optimizer.Choice choice = new Optimizer().choose(SEED, "cpu", List.of(), measured, taken::contains, seed)
                    .orElseThrow();
            assertThat(choice.reasoning().lines().findFirst().orElseThrow()).startsWith("CPU_LEARNING_RATE 1e-3f → ");
            assertThat(learningRate(choice.source())).isLessThan(SEED_LR);
            assertThat(taken).doesNotContain(ProgramFingerprint.of(choice.source()));
            assertThat(choice.reasoning()).contains("TPE over " + measured.size() + " measured variants",
                    "highest expected improvement");
        }
        Optimizer.Choice one = new Optimizer().choose(SEED, "cpu", List.of(), measured, taken::contains, 1)
                .orElseThrow();
        assertThatCode(() -> ProgramCompiler.compile(one.source())).doesNotThrowAnyException();
    }

    @Test
    void withoutMeasurementsItExploresOneSeededChange() {
        Optimizer.Choice a = new Optimizer().choose(SEED, "cpu", List.of(), List.of(), f -> false, 7).orElseThrow();
        Optimizer.Choice b = new Optimizer().choose(SEED, "cpu", List.of(), List.of(), f -> false, 7).orElseThrow();
        assertThat(a).isEqualTo(b);
        assertThat(a.reasoning()).contains("Optimiser exploring: 0 of the 4 measurements");
        Map<String, String> seed = KnobSpace.vector(SEED, "cpu");
        Map<String, String> changed = KnobSpace.vector(a.source(), "cpu");
        assertThat(changed.keySet().stream().filter(k -> !changed.get(k).equals(seed.get(k)))).hasSize(1);
    }

    /** Four proposals of a first generation, made one after another: four knobs, in the screening order. */
    @Test
    void theFirstGenerationScreensOneKnobPerProposalInThePriorsOrder() {
        Set<String> claimed = new HashSet<>();
        List<String> knobs = new ArrayList<>();
        Map<String, String> seed = KnobSpace.vector(SEED, "cpu");
        for (long agent = 1; agent <= 4; agent++) {
            Optimizer.Choice choice = new Optimizer().choose(SEED, "cpu", List.of(), List.of(), claimed::contains,
                    agent).orElseThrow();
            claimed.add(ProgramFingerprint.of(choice.source()));
            Map<String, String> changed = KnobSpace.vector(choice.source(), "cpu");
            knobs.add(String.join(",", Recombination.changed(changed, seed)));
            assertThat(choice.reasoning()).contains("screening order");
        }
        assertThat(knobs).containsExactly("CPU_BLOCK_SIZE", "CPU_LEARNING_RATE", "WARMUP_STEPS",
                "CPU_BATCH_SIZE");
        Optimizer.Choice first = new Optimizer().choose(SEED, "cpu", List.of(), List.of(), f -> false, 9)
                .orElseThrow();
        assertThat(Double.parseDouble(KnobSpace.vector(first.source(), "cpu").get("CPU_BLOCK_SIZE")))
                .isEqualTo(Double.parseDouble(seed.get("CPU_BLOCK_SIZE")) / 2);
        Optimizer.Choice second = new Optimizer().choose(SEED, "cpu", List.of(), List.of(),
                f -> f.equals(ProgramFingerprint.of(first.source())), 9).orElseThrow();
        assertThat(learningRate(second.source())).isBetween(2.5 * SEED_LR, 3 * SEED_LR);
    }

    /**
     * Two wins on separate lineages (a shorter warmup, a larger learning rate): a parent with one of them takes the
     * other next, before the model spends a proposal elsewhere.
     */
    @Test
    void aMeasuredWinIsCarriedIntoAParentThatLacksIt() {
        Map<String, String> seed = KnobSpace.vector(SEED, "cpu");
        KnobSpace.Option warmup = only(SEED, "WARMUP_STEPS", "10.0");
        KnobSpace.Option rate = KnobSpace.options(SEED, "cpu").stream()
                .filter(o -> Recombination.changed(o.vector(), seed).contains("CPU_LEARNING_RATE")
                        && Double.parseDouble(o.vector().get("CPU_LEARNING_RATE")) > SEED_LR).findFirst().orElseThrow();
        List<SearchHistory.Measured> measured = List.of(
                new SearchHistory.Measured(new SearchHistory.Outcome("control", 0, true), SEED),
                new SearchHistory.Measured(new SearchHistory.Outcome("warmup", -0.025), warmup.source()),
                new SearchHistory.Measured(new SearchHistory.Outcome("rate", -0.06), rate.source()),
                new SearchHistory.Measured(new SearchHistory.Outcome("worse", 0.04),
                        only(SEED, "CPU_BATCH_SIZE", "24.0").source()),
                new SearchHistory.Measured(new SearchHistory.Outcome("tie", 0), only(SEED, "BETA2", "0.95").source()));
        Set<String> taken = fingerprints(measured);

        Optimizer.Choice next = new Optimizer().choose(warmup.source(), "cpu", List.of(), measured, taken::contains, 3)
                .orElseThrow();

        Map<String, String> vector = KnobSpace.vector(next.source(), "cpu");
        assertThat(vector.get("WARMUP_STEPS")).isEqualTo("10.0");
        assertThat(vector.get("CPU_LEARNING_RATE")).isEqualTo(rate.vector().get("CPU_LEARNING_RATE"));
        assertThat(next.reasoning()).contains("Optimiser combining measured wins: rate set CPU_LEARNING_RATE",
                "-0.0600 val_bpb");
        // the seed itself takes the best win it lacks only once: then the model decides
        Set<String> withBoth = new HashSet<>(taken);
        withBoth.add(ProgramFingerprint.of(next.source()));
        Optimizer.Choice fromSeed = new Optimizer().choose(SEED, "cpu", List.of(), measured, withBoth::contains, 3)
                .orElseThrow();
        assertThat(fromSeed.reasoning()).doesNotContain("combining measured wins");
    }

    /** The option of the seed that sets exactly this knob to this value. */
    private static KnobSpace.Option only(String parent, String knob, String value) {
        Map<String, String> from = KnobSpace.vector(parent, "cpu");
        return KnobSpace.options(parent, "cpu").stream()
                .filter(o -> Recombination.changed(o.vector(), from).equals(List.of(knob))
                        && o.vector().get(knob).equals(value)).findFirst().orElseThrow();
    }

    @Test
    void guidanceThatNamesAKnobAndADirectionIsFollowedEvenAgainstTheModel() {
        List<SearchHistory.Measured> measured = lowerLearningRateWon();
        Set<String> taken = fingerprints(measured);
        for (long seed = 1; seed <= 3; seed++) {
            Optimizer.Choice choice = new Optimizer().choose(SEED, "cpu", List.of("try a higher learning rate"),
                    measured, taken::contains, seed).orElseThrow();
            assertThat(learningRate(choice.source())).isGreaterThan(SEED_LR);
            assertThat(choice.reasoning()).contains("Following the guidance \"try a higher learning rate\"");
        }
        Optimizer.Choice dropout = new Optimizer().choose(SEED, "cpu", List.of("more DROPOUT please"), List.of(),
                f -> false, 3).orElseThrow();
        assertThat(dropout.reasoning().lines().findFirst().orElseThrow()).startsWith("CPU_DROPOUT 0.0f → ");
        Optimizer.Choice unknown = new Optimizer().choose(SEED, "cpu", List.of("be creative"), List.of(),
                f -> false, 3).orElseThrow();
        assertThat(unknown.reasoning()).doesNotContain("Following the guidance");
    }

    @Test
    void aProgramTheRunAlreadyProposedIsNeverChosenAndWhenAllWereThereIsNoChoice() {
        Set<String> all = Optimizer.candidateFingerprints(SEED, "cpu");
        // the one left is not the first choice, so better-ranked candidates are skipped to reach it
        String first = ProgramFingerprint.of(new Optimizer().choose(SEED, "cpu", List.of(), List.of(), f -> false, 1)
                .orElseThrow().source());
        String left = all.stream().filter(f -> !f.equals(first)).sorted().findFirst().orElseThrow();
        Optional<Optimizer.Choice> only = new Optimizer().choose(SEED, "cpu", List.of(), List.of(),
                f -> !f.equals(left), 1);
        assertThat(only).isPresent();
        assertThat(ProgramFingerprint.of(only.get().source())).isEqualTo(left);
        assertThat(only.get().reasoning()).containsPattern("\\d+ better-ranked candidate\\(s\\) skipped: the run "
                + "already proposed their program");
        assertThat(new Optimizer().choose(SEED, "cpu", List.of(), List.of(), all::contains, 1)).isEmpty();
    }

    @Test
    void theFingerprintIgnoresCommentsLayoutAndNumberSpellingButNotValues() {
        String program = "class A { static final float LR = 1e-3f; int f() { return 1; } }";
        assertThat(ProgramFingerprint.of("// a comment\nclass A {\n  static final float LR = 0.001f;\n"
                + "  int f() { /* x */ return 1; }\n}\n")).isEqualTo(ProgramFingerprint.of(program));
        assertThat(ProgramFingerprint.of(program.replace("1e-3f", "2e-3f")))
                .isNotEqualTo(ProgramFingerprint.of(program));
    }
}
