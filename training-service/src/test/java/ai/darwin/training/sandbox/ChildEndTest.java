package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.FailureClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child that ended without a result and without being killed by the worker. */
class CrashClassificationTest {

    @TempDir
    Path dir;

    private FailureClass classify(int exit, String output) {
        return ((SandboxOutcome.Failed) Sandbox.crashed(exit, output, dir, 1.0)).failureClass();
    }

    @Test
    void aJvmThatCannotStartIsTheWorkersProblem() {
        assertThat(classify(1, "Error occurred during initialization of VM\nCould not reserve enough space"))
                .isEqualTo(FailureClass.INFRASTRUCTURE);
        assertThat(classify(1, "Error: Could not find or load main class x")).isEqualTo(FailureClass.INFRASTRUCTURE);
    }

    @Test
    void memoryExhaustionAndTheKernelsKillAreOutOfMemory() {
        assertThat(classify(1, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"))
                .isEqualTo(FailureClass.OUT_OF_MEMORY);
        assertThat(classify(137, "")).isEqualTo(FailureClass.OUT_OF_MEMORY);
    }

    @Test
    void aNativeCrashCarriesItsErrorReport() throws IOException {
        Files.writeString(dir.resolve(Sandbox.CRASH_FILE), "# SIGSEGV (0xb) at pc=0x0000\n# Problematic frame:");

        SandboxOutcome.Failed failed = (SandboxOutcome.Failed) Sandbox.crashed(134, "", dir, 1.0);

        assertThat(failed.failureClass()).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
        assertThat(failed.logTail()).contains("SIGSEGV");
    }

    @Test
    void anyOtherEarlyExitIsTheProgramsRuntimeFailure() {
        assertThat(classify(3, "something printed")).isEqualTo(FailureClass.RUNTIME_EXCEPTION);
    }
}
