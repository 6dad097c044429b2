package ai.darwin.training.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.training.sandbox.SandboxOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** What a program can put into an event is bounded when the event is made, whatever the program produced. */
class TrainingEventsTest {

    static final VariantProposed VARIANT = new VariantProposed(Envelope.of("run-1"), 2, "v-1", "a-1",
            AssignmentKind.MUTATE, "agent-1", "agent-2", List.of("seed"), "class P {}", "0".repeat(64), "", "test",
            new MutatorInfo("test", null), new TokenUsage(0, 0, 0, 0), ProposalStatus.VALID, List.of(),
            new DatasetSpec("file:///corpus.txt", null, "char", 0.1), new TrainingBudget(64, 0), 7);

    @Test
    void aFailureWithAThreeMegabyteMessageAndLogIsBoundedWhenItIsMade() {
        SandboxOutcome outcome = new SandboxOutcome.Failed(FailureClass.RUNTIME_EXCEPTION,
                "java.lang.IllegalStateException: " + "x".repeat(3_000_000), "y".repeat(3_000_000) + "\n\tat P.train",
                1.5);

        TrainingFailed failed = (TrainingFailed) TrainingEvents.result(VARIANT, "worker-1", outcome, List.of());

        assertThat(bytes(failed.message())).isLessThanOrEqualTo(TrainingEvents.MAX_MESSAGE_BYTES);
        assertThat(failed.message()).startsWith("java.lang.IllegalStateException: xxx").contains(" more characters cut]");
        assertThat(bytes(failed.logTail())).isLessThanOrEqualTo(TrainingEvents.MAX_LOG_TAIL_BYTES);
        assertThat(failed.logTail()).containsPattern("^\\[\\d+ earlier characters cut] … ").endsWith("\tat P.train");
        assertThat(bytes(EventCodec.write(failed))).isLessThan(24 * 1024);
        assertThat(failed.failureClass()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
    }

    @Test
    void aDeviceNameIsBoundedToo() {
        SandboxOutcome outcome = new SandboxOutcome.Completed(metrics("GPU ".repeat(1_000_000)),
                new ArchitectureCard(1, 1, 8, 8, 65), null, java.util.List.of());

        TrainingCompleted completed = (TrainingCompleted) TrainingEvents.result(VARIANT, "worker-1", outcome, List.of());

        assertThat(bytes(completed.metrics().device())).isLessThanOrEqualTo(TrainingEvents.MAX_DEVICE_BYTES);
        assertThat(completed.metrics().valBitsPerByte()).isEqualTo(2.5);
    }

    @Test
    void aFailureTheBrokerRefusedForItsSizeIsReplacedByASmallContractViolation() {
        TrainingFailed huge = new TrainingFailed(Envelope.of("run-1"), 2, "v-1", "worker-1",
                FailureClass.RUNTIME_EXCEPTION, "boom " + "x".repeat(4000), "y".repeat(16_000), 3.0);

        TrainingFailed replacement = TrainingEvents.unpublishable(huge,
                new RecordTooLargeException("The message is 20480 bytes when serialized"));

        assertThat(replacement.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(replacement.message()).startsWith("the original result (TrainingFailed RUNTIME_EXCEPTION, ")
                .contains("could not be published", "RecordTooLargeException", "20480 bytes");
        assertThat(replacement.logTail()).startsWith("original message: boom xxx");
        assertThat(List.of(replacement.runId(), replacement.variantId(), replacement.workerId()))
                .containsExactly("run-1", "v-1", "worker-1");
        assertThat(replacement.generation()).isEqualTo(2);
        assertThat(replacement.wallSeconds()).isEqualTo(3.0);
        assertThat(bytes(EventCodec.write(replacement))).isLessThan(2048);
    }

    @Test
    void aResultRefusedForAnotherReasonIsTheDeploymentsFailureNotTheProgramsOne() {
        TrainingCompleted completed = new TrainingCompleted(Envelope.of("run-1"), 2, "v-1", "worker-1", 7,
                metrics("cpu"), new ArchitectureCard(1, 1, 8, 8, 65), List.of());

        TrainingFailed tooLarge = TrainingEvents.unpublishable(completed, new RecordTooLargeException("too large"));
        TrainingFailed refused = TrainingEvents.unpublishable(completed,
                new TopicAuthorizationException("not authorized"));

        assertThat(tooLarge.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(refused.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(refused.message()).startsWith("the original result (TrainingCompleted, ");
        assertThat(refused.wallSeconds()).isEqualTo(9.0);
    }

    private static TrainingMetrics metrics(String device) {
        return new TrainingMetrics(1.7, 2.5, 5.5, 1.8, 64, 1, 1000, 100, 600, 1e11, 0.01, 1 << 20, 0.1, 9.0,
                device);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aCompletedResultCarriesTheGatesItTripped() {
        SandboxOutcome outcome = new SandboxOutcome.Completed(metrics("cpu"), new ArchitectureCard(1, 1, 8, 8, 65),
                null, java.util.List.of(new ai.darwin.events.training.IntegrityFlag(
                        ai.darwin.events.training.IntegrityGate.VAL_BPB_BELOW_FLOOR, "val_bpb 0.01 below 0.8")));

        TrainingCompleted completed = (TrainingCompleted) TrainingEvents.result(VARIANT, "worker-1", outcome, List.of());

        assertThat(completed.flagged()).isTrue();
        assertThat(completed.integrityFlags()).extracting(ai.darwin.events.training.IntegrityFlag::gate)
                .containsExactly(ai.darwin.events.training.IntegrityGate.VAL_BPB_BELOW_FLOOR);
    }
}
