package ai.darwin.training.sandbox;

import static ai.darwin.training.TestPrograms.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.training.FailureClass;
import ai.darwin.training.TestPrograms;
import ai.darwin.training.harness.HarnessConfig;
import ai.darwin.training.harness.data.CorpusSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Programs that try to escape, hog or break the sandbox, each run in a real child JVM: every one ends as its
 * failure class, and the sandbox runs the next one as if nothing happened.
 */
class HostileProgramsIT {

    @TempDir
    Path workRoot;

    static Stream<Arguments> hostilePrograms() {
        String corpus = TestPrograms.shakespeare().toString().replace("\\", "\\\\");
        return Stream.of(
                Arguments.of("System.exit", "System.exit(0);", FailureClass.FORBIDDEN_API, "java.lang.System.exit"),
                Arguments.of("a socket", "new java.net.Socket(\"example.com\", 80).close();",
                        FailureClass.FORBIDDEN_API, "java.net.Socket"),
                Arguments.of("an environment secret", "System.out.println(System.getenv(\"OPENAI_API_KEY\"));",
                        FailureClass.FORBIDDEN_API, "java.lang.System.getenv"),
                Arguments.of("writing ../x", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"../x\"), \"x\");",
                        FailureClass.FORBIDDEN_API, "java.nio.file.Files"),
                Arguments.of("reading the corpus with its validation split",
                        "byte[] all = new java.io.FileInputStream(\"" + corpus + "\").readAllBytes();",
                        FailureClass.FORBIDDEN_API, "java.io.FileInputStream"),
                // the harness is not even on the program's compile classpath
                Arguments.of("the harness's own context", "Object inside = "
                        + "((ai.darwin.training.harness.run.HarnessContext) ctx);",
                        FailureClass.COMPILE_ERROR, "package ai.darwin.training.harness.run does not exist"),
                Arguments.of("a compile error", "int broken = \"text\";", FailureClass.COMPILE_ERROR,
                        "incompatible types"),
                Arguments.of("an exception", "if (ctx.seed() != 42) { throw new IllegalStateException(\"boom\"); }",
                        FailureClass.RUNTIME_EXCEPTION, "boom"),
                Arguments.of("a NaN loss", "ctx.progress().report(1, Double.NaN);", FailureClass.NAN_LOSS, "NaN"),
                Arguments.of("a heap allocation bomb",
                        "List<long[]> hoard = new ArrayList<>(); while (hoard.size() >= 0) { hoard.add(new long[1 << 24]); }",
                        FailureClass.OUT_OF_MEMORY, "memory"),
                Arguments.of("a native allocation bomb", "List<NDArray> hoard = new ArrayList<>(); "
                        + "while (hoard.size() >= 0) { hoard.add(ctx.manager().ones(new Shape(64, 1024, 1024))); }",
                        FailureClass.OUT_OF_MEMORY, "MiB"),
                Arguments.of("a print flood", "String line = \"x\".repeat(10_000); "
                        + "while (line.length() > 0) { System.out.println(line); }",
                        FailureClass.CONTRACT_VIOLATION, "printed more than"),
                // the harness's phase watch (the budget plus its grace) stops it before the sandbox's wall clock
                Arguments.of("an endless loop", "while (ctx.vocabularySize() > 0) { }", FailureClass.TIMEOUT,
                        "ran past its"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePrograms")
    void endsAsItsFailureClass(String what, String body, FailureClass expected, String messagePart) {
        Sandbox sandbox = new Sandbox(TestSandboxes.settings(workRoot)
                .withMemory(256 * TestSandboxes.MIB, 1536 * TestSandboxes.MIB)
                .withTimeouts(Duration.ofSeconds(8), Duration.ofMinutes(2)), System.getenv());
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.wonderland().toString()), 64, 1)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(1, 2, 16, 1));

        SandboxOutcome outcome = sandbox.run(new SandboxRequest(what, hostile(body), config), point -> { },
                new Cancellation());

        assertThat(outcome).as(what).isInstanceOf(SandboxOutcome.Failed.class);
        SandboxOutcome.Failed failed = (SandboxOutcome.Failed) outcome;
        assertThat(failed.failureClass()).as(failed.message() + "\n" + failed.logTail()).isEqualTo(expected);
        assertThat(failed.message() + failed.logTail()).contains(messagePart);
        assertThat(failed.logTail()).doesNotContain("sk-darwin-test-secret");
        assertThat(workRoot).as("the private directory is gone").isEmptyDirectory();
        assertThat(workRoot.resolve("x")).as("../x of the private directory").doesNotExist();
    }

    @Test
    void theBenignTemplateCompletes() {
        Sandbox sandbox = new Sandbox(TestSandboxes.settings(workRoot), System.getenv());
        HarnessConfig config = HarnessConfig.of(CorpusSource.of(TestPrograms.wonderland().toString()), 64, 1)
                .withPreset("cpu").withEvaluation(new HarnessConfig.Evaluation(1, 2, 16, 1));

        SandboxOutcome outcome = sandbox.run(new SandboxRequest("benign", hostile(""), config), point -> { },
                new Cancellation());

        assertThat(outcome).isInstanceOf(SandboxOutcome.Completed.class);
        assertThat(Files.exists(workRoot)).isTrue();
    }
}
