package ai.darwin.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The harness keeps its own copy of the failure classes (it must not depend on the event contract); the worker maps
 * one onto the other by name, so the two lists must stay the same.
 */
class FailureClassesAgreeTest {

    @Test
    void theHarnessAndTheContractNameTheSameFailureClasses() {
        assertThat(Arrays.stream(ai.darwin.training.harness.FailureClass.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(ai.darwin.events.training.FailureClass.values())
                        .map(Enum::name).toList());
    }

    @Test
    void theHarnessAndTheContractNameTheSameSanityGates() {
        assertThat(Arrays.stream(ai.darwin.training.harness.IntegrityGate.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(ai.darwin.events.training.IntegrityGate.values())
                        .map(Enum::name).toList());
    }
}
