package ai.darwin.mutation.offline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.training.harness.SeedProgram;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnobSpaceTest {

    static final String SEED = SeedProgram.source();

    @Test
    void theSeedProgramReadsAsAKnobVectorOfTheRunsPreset() {
        Map<String, String> vector = KnobSpace.vector(SEED, "cpu");
        assertThat(vector).containsEntry("CPU_LEARNING_RATE", "0.001")
                .containsEntry("CPU_N_EMBD", "128.0").containsEntry("WARMUP_STEPS", "100.0")
                .containsEntry(KnobSpace.ACTIVATION, "GELU").containsEntry(KnobSpace.NORMALISATION, "LayerNorm")
                .doesNotContainKey("GPU_LEARNING_RATE");
    }

    @Test
    void everyOptionChangesExactlyOneKnobAndSaysHow() {
        Map<String, String> seed = KnobSpace.vector(SEED, "cpu");
        List<KnobSpace.Option> options = KnobSpace.options(SEED, "cpu");
        assertThat(options).hasSizeGreaterThan(40);
        for (KnobSpace.Option option : options) {
            List<String> changed = option.vector().keySet().stream()
                    .filter(k -> !option.vector().get(k).equals(seed.get(k))).toList();
            assertThat(changed).as(option.change().fromTo()).hasSize(1);
            assertThat(option.change().fromTo()).contains("→");
            assertThat(option.vector()).as("the vector without a parse is the parsed one")
                    .isEqualTo(KnobSpace.vector(option.source(), "cpu"));
        }
        assertThat(options).anyMatch(o -> o.change().fromTo().startsWith("CPU_LEARNING_RATE"))
                .anyMatch(o -> o.change().fromTo().startsWith("GELU →"))
                .anyMatch(o -> o.change().fromTo().equals("LayerNorm → RMSNorm"))
                .noneMatch(o -> o.change().fromTo().contains("GPU_"));
        assertThat(options.stream().map(KnobSpace.Option::source).distinct()).hasSameSizeAs(options);
    }
}
