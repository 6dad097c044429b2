package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.sdk.TrainingProgram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProgramCompilerTest {

    private static final String MINIMAL = """
            import ai.darwin.training.sdk.*;

            public class Minimal implements TrainingProgram {
                @Override
                public TrainedModel train(TrainingContext context) {
                    return null;
                }
            }
            """;

    @Test
    void compilesTheSeedProgram() throws HarnessException {
        CompiledProgram program = ProgramCompiler.compile(SeedProgram.source());

        assertThat(program.className()).isEqualTo("SeedGpt");
        assertThat(program.newInstance()).isInstanceOf(TrainingProgram.class);
    }

    @Test
    void compilesAProgramInAPackage() throws HarnessException {
        CompiledProgram program = ProgramCompiler.compile("package my.variant;\n" + MINIMAL);

        assertThat(program.className()).isEqualTo("my.variant.Minimal");
    }

    @Test
    void compileErrorsCarryLineAndSourceText() {
        String broken = MINIMAL.replace("return null;", "return 42;");

        HarnessException failure = catchThrowableOfType(HarnessException.class,
                () -> ProgramCompiler.compile(broken));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.COMPILE_ERROR);
        assertThat(failure.getMessage()).contains("line 6: error: incompatible types").contains("return 42;");
    }

    @Test
    void harnessClassesAreNotOnTheProgramsClasspath() {
        String peeking = MINIMAL.replace("return null;",
                "ai.darwin.training.harness.data.Corpus corpus = null; return null;");

        HarnessException failure = catchThrowableOfType(HarnessException.class,
                () -> ProgramCompiler.compile(peeking));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.COMPILE_ERROR);
        assertThat(failure.getMessage()).contains("ai.darwin.training.harness");
    }

    @Test
    void harnessClassesCannotBeLoadedByAProgram() {
        ProgramClassLoader loader = new ProgramClassLoader(java.util.Map.of());

        assertThat(catchThrowableOfType(ClassNotFoundException.class,
                () -> loader.loadClass("ai.darwin.training.harness.data.Corpus")))
                .hasMessageContaining("not available to training programs");
    }

    @Test
    void aSourceWithoutAProgramIsAContractViolation() {
        HarnessException failure = catchThrowableOfType(HarnessException.class,
                () -> ProgramCompiler.compile("public class NotAProgram { }"));

        assertThat(failure.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(failure.getMessage()).contains("implementing ai.darwin.training.sdk.TrainingProgram");
    }

    @Test
    void aProgramNeedsAPublicNoArgumentConstructor() throws HarnessException {
        CompiledProgram program = ProgramCompiler.compile(
                MINIMAL.replace("@Override", "public Minimal(int size) { }\n    @Override"));

        HarnessException failure = catchThrowableOfType(HarnessException.class, program::newInstance);

        assertThat(failure.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
    }
}
