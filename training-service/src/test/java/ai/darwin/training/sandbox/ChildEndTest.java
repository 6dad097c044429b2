package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.FailureClass;
import org.junit.jupiter.api.Test;

/** A child's end is classified from what the worker established, never from what the child printed. */
class ChildEndTest {

    private static ChildEnd started(int exit) {
        return new ChildEnd(true, exit, null, null, false, false, false);
    }

    @Test
    void noStartedMarkerIsTheWorkersProblemWhateverElseHappened() {
        ChildEnd.Verdict verdict = new ChildEnd(false, 1, null, null, false, false, false).beforeResult().orElseThrow();
        ChildEnd.Verdict killed = new ChildEnd(false, 137, FailureClass.TIMEOUT, "ran past 60 s", false, false, false)
                .beforeResult().orElseThrow();

        assertThat(verdict.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(verdict.message()).contains("did not start", "exit status 1");
        assertThat(killed.failureClass()).isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(killed.message()).contains("ran past 60 s");
    }

    @Test
    void onceStartedNoEndWithoutAResultIsInfrastructure() {
        for (int exit : new int[] {0, 1, 2, 70, 134, 139}) {
            assertThat(started(exit).beforeResult()).isEmpty();
            assertThat(started(exit).withoutResult().failureClass()).as("exit " + exit)
                    .isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        }
    }

    @Test
    void theWorkersOwnLimitsDecideBeforeAnyResult() {
        assertThat(new ChildEnd(true, 137, FailureClass.OUT_OF_MEMORY, "used 3000 MiB", false, false, false)
                .beforeResult().orElseThrow().failureClass()).isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(new ChildEnd(true, 0, null, null, true, false, false).beforeResult().orElseThrow())
                .isEqualTo(new ChildEnd.Verdict(FailureClass.CONTRACT_VIOLATION,
                        "the program printed more than 64 MiB and was stopped"));
        assertThat(new ChildEnd(true, 137, null, null, false, true, false).beforeResult().orElseThrow()
                .failureClass()).isEqualTo(FailureClass.OUT_OF_MEMORY);
    }

    @Test
    void memoryExhaustionIsReadFromTheExitStatus() {
        assertThat(started(ChildLaunch.OOM_EXIT).withoutResult().failureClass()).isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(started(128 + ChildEnd.SIGKILL).withoutResult().failureClass())
                .isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(started(128 + ChildEnd.SIGXCPU).withoutResult().failureClass()).isEqualTo(FailureClass.TIMEOUT);
    }

    @Test
    void aCrashReportWhereTheWorkerAskedForItIsANativeCrash() {
        ChildEnd.Verdict verdict = new ChildEnd(true, 134, null, null, false, false, true).withoutResult();

        assertThat(verdict.failureClass()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        assertThat(verdict.message()).contains("crashed in native code");
    }
}
