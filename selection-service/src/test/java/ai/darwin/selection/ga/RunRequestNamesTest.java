package ai.darwin.selection.ga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.run.FitnessSpec;
import ai.darwin.platform.input.RunRequestCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shared run request check (platform {@link RunRequestCheck}, which hitl-service uses too) names exactly what
 * this service's genetic algorithm accepts: a name it lets through never fails a run later, and one it refuses would
 * have failed.
 */
class RunRequestNamesTest {

    @Test
    void theCheckKnowsExactlyTheMetricsModesAndPoliciesOfTheAlgorithm() {
        assertThat(RunRequestCheck.METRICS).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Metric.values()).map(Metric::key).toList());
        for (String mode : RunRequestCheck.FITNESS_MODES) {
            Fitness.of(new FitnessSpec(mode, List.of(), Map.of("val_bpb", -1.0)));
        }
        assertThatThrownBy(() -> Fitness.of(new FitnessSpec("best", List.of(), Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        for (String policy : RunRequestCheck.ASSIGNMENT_POLICIES) {
            assertThat(AssignmentPolicy.targets(policy, 3, new Random(1))).hasSize(3);
        }
        assertThatThrownBy(() -> AssignmentPolicy.targets("everyone", 3, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
