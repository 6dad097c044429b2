package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.darwin.events.generation.ControlDelta;
import ai.darwin.events.generation.NoiseFloor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseFloorsTest {

    @Test
    void theFloorIsTwiceTheStandardDeviationAcrossTheControlsSeeds() {
        NoiseFloor floor = NoiseFloors.measure(List.of(Metrics.of(3.50, 0.20, 8_000), Metrics.of(3.52, 0.22, 9_000),
                Metrics.of(3.54, 0.24, 10_000)));

        // sample standard deviations 0.02, 0.02 and 1,000
        assertThat(floor.seeds()).isEqualTo(3);
        assertThat(floor.valBitsPerByte()).isCloseTo(0.04, within(1e-12));
        assertThat(floor.mfu()).isCloseTo(0.04, within(1e-12));
        assertThat(floor.tokensPerSecond()).isCloseTo(2_000, within(1e-9));
        assertThat(floor.device()).isEqualTo("cpu");
    }

    @Test
    void oneSeedMeasuresNothingAndMixedDevicesGiveNoThroughputFloor() {
        assertThat(NoiseFloors.measure(List.of(Metrics.of(3.5, 0.2, 8_000)))).isNull();
        NoiseFloor mixed = NoiseFloors.measure(List.of(Metrics.of(3.50, 0.2, 8_000, "cpu"),
                Metrics.of(3.52, 0.4, 900_000, "NVIDIA H100")));
        assertThat(mixed.valBitsPerByte()).isPositive();
        assertThat(mixed.mfu()).isNull();
        assertThat(mixed.tokensPerSecond()).isNull();
    }

    @Test
    void aVariantIsSetAgainstItsControlWithThroughputOnlyOnTheSameDevice() {
        NoiseFloor floor = new NoiseFloor(3, 0.04, 0.04, 2_000.0, "cpu");
        ControlDelta tie = NoiseFloors.versus(Metrics.of(3.48, 0.25, 9_500), Metrics.of(3.50, 0.20, 9_000), floor);
        ControlDelta better = NoiseFloors.versus(Metrics.of(3.40, 0.5, 90_000, "NVIDIA H100"),
                Metrics.of(3.50, 0.20, 9_000), floor);

        assertThat(tie.valBitsPerByte()).isCloseTo(-0.02, within(1e-12));
        assertThat(tie.tokensPerSecond()).isEqualTo(500.0);
        assertThat(tie.withinNoise()).isTrue();
        assertThat(better.withinNoise()).isFalse();
        assertThat(better.mfu()).isNull();
        assertThat(better.tokensPerSecond()).isNull();
        assertThat(NoiseFloors.versus(Metrics.of(3.4, 0.2, 9_000), Metrics.of(3.5, 0.2, 9_000), null).withinNoise())
                .isNull();
    }
}
