package ai.darwin.events.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingFailed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RuntimeRepairTest {

    static VariantProposed proposal(String variantId, String mutator, AssignmentKind kind, Integer attempt,
                                    String repairOf) {
        return new VariantProposed(Envelope.of("run-1"), 1, variantId, "g1-a1", kind, "agent-1", "agent-2",
                List.of("p"), "class P {}", "sha", "", "why", new MutatorInfo(mutator, null), TokenUsage.NONE,
                ProposalStatus.VALID, List.of(), new DatasetSpec("file:///d", null, "byte", 0.1),
                new TrainingBudget(1000, 0), 7, "cpu", attempt, repairOf, null);
    }

    static TrainingFailed failure(String variantId, FailureClass failureClass) {
        return new TrainingFailed(Envelope.of("run-1"), 1, variantId, "worker-1", failureClass, "boom",
                "at P.train", 1.0);
    }

    @ParameterizedTest
    @EnumSource(value = FailureClass.class, names = {"RUNTIME_EXCEPTION", "TIMEOUT", "OUT_OF_MEMORY", "NAN_LOSS",
            "DIVERGED", "CONTRACT_VIOLATION"})
    void aFirstLlmAttemptThatFailedAtRuntimeIsRepaired(FailureClass failureClass) {
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm", AssignmentKind.MUTATE, null, null),
                failure("g1-a1-v", failureClass), 1)).isTrue();
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm-chunk", AssignmentKind.MUTATE, 1, null),
                failure("g1-a1-v", failureClass), 1)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = FailureClass.class, names = {"INFRASTRUCTURE", "FORBIDDEN_API", "COMPILE_ERROR"})
    void failuresNoProgramChangeShouldAnswerAreNotRepaired(FailureClass failureClass) {
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm", AssignmentKind.MUTATE, null, null),
                failure("g1-a1-v", failureClass), 3)).isFalse();
    }

    @Test
    void theOfflineMutatorAndUnmutatedProgramsAreNotRepaired() {
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "offline", AssignmentKind.MUTATE, null, null),
                failure("g1-a1-v", FailureClass.NAN_LOSS), 1)).isFalse();
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm", AssignmentKind.BASELINE, null, null),
                failure("g1-a1-v", FailureClass.NAN_LOSS), 1)).isFalse();
    }

    @Test
    void repairsStopAtTheRunsAllowance() {
        VariantProposed repair = proposal("g1-a1-v2", "llm", AssignmentKind.MUTATE, 2, "g1-a1-v");
        assertThat(RuntimeRepair.due(repair, failure("g1-a1-v2", FailureClass.NAN_LOSS), 1)).isFalse();
        assertThat(RuntimeRepair.due(repair, failure("g1-a1-v2", FailureClass.NAN_LOSS), 2)).isTrue();
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm", AssignmentKind.MUTATE, null, null),
                failure("g1-a1-v", FailureClass.NAN_LOSS), 0)).isFalse();
        assertThat(RuntimeRepair.repairVariantId(repair)).isEqualTo("g1-a1-v3");
        assertThat(RuntimeRepair.possible(repair, 1)).isFalse();
        assertThat(RuntimeRepair.possible(repair, 2)).isTrue();
    }

    @Test
    void aFailureOfAnotherVariantIsNoReasonToRepair() {
        assertThat(RuntimeRepair.due(proposal("g1-a1-v", "llm", AssignmentKind.MUTATE, null, null),
                failure("g1-a9-v", FailureClass.NAN_LOSS), 1)).isFalse();
    }

    @Test
    void aRepairNamesWhatItRepairsAndAFirstAttemptDoesNot() {
        assertThatThrownBy(() -> proposal("x", "llm", AssignmentKind.MUTATE, 2, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proposal("x", "llm", AssignmentKind.MUTATE, 1, "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> proposal("x", "llm", AssignmentKind.MUTATE, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
