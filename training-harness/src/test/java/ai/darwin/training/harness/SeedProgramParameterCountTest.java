package ai.darwin.training.harness;

import ai.darwin.training.sdk.ArchitectureCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static ai.darwin.training.harness.TinySeed.CONTEXT;
import static ai.darwin.training.harness.TinySeed.HEADS;
import static ai.darwin.training.harness.TinySeed.LAYERS;
import static ai.darwin.training.harness.TinySeed.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;

/** The harness's N for the seed program at a tiny size, against a count by hand. */
class SeedProgramParameterCountTest {

    @ParameterizedTest(name = "bias {0}")
    @ValueSource(booleans = {false, true})
    void parameterCountMatchesAHandCount(boolean bias) {
        HarnessReport report = HarnessRunner.runSource(TinySeed.source(bias), TinySeed.oneStep(), point -> { });

        assertThat(report.failure()).isNull();
        long v = 65;
        long c = WIDTH;
        long perLayer = 2 * c            // two LayerNorm gains
                + 3 * c * c + c * c      // attention: qkv and projection
                + 4 * c * c + 4 * c * c; // MLP: up and down
        long perLayerBias = 2 * c + 3 * c + c + 4 * c + c;
        long expected = v * c            // token embedding, tied with the output head
                + CONTEXT * c            // position embedding
                + LAYERS * (perLayer + (bias ? perLayerBias : 0))
                + c + (bias ? c : 0);    // final LayerNorm
        assertThat(report.metrics().parameters()).isEqualTo(expected);
        assertThat(report.architecture()).isEqualTo(new ArchitectureCard(LAYERS, HEADS, WIDTH, CONTEXT));
        assertThat(report.metrics().steps()).isEqualTo(1);
    }
}
