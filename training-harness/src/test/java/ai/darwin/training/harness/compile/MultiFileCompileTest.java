package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.SeedProgram;
import ai.darwin.training.harness.SplitProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A program of several files: compiled together, every file checked as the entry is, hostile layouts refused. */
class MultiFileCompileTest {

    private static final String ENTRY = """
            import ai.darwin.training.sdk.*;
            import model.Blocks;

            public class Program implements TrainingProgram {
                @Override
                public TrainedModel train(TrainingContext context) {
                    return Blocks.LAYERS > 0 ? null : null;
                }
            }
            """;
    private static final String BLOCKS = """
            package model;

            public final class Blocks {
                public static final int LAYERS = 2;
            }
            """;
    /** The forbidden use of each placement: reading the environment. */
    private static final String LEAK = "String home = System.getenv(\"HOME\");";

    private static HarnessException failure(ProgramSource program) {
        return catchThrowableOfType(HarnessException.class, () -> ProgramCompiler.compile(program, ApiGrants.NONE));
    }

    @Test
    void theSeedSplitInTwoCompilesAndItsEntryIsTheProgram() throws HarnessException {
        ProgramSource split = SplitProgram.of(SeedProgram.source());

        CompiledProgram program = ProgramCompiler.compile(split, ApiGrants.NONE);

        assertThat(program.className()).isEqualTo("gpt.SeedGpt");
        assertThat(program.classes()).containsKeys("gpt.Gpt", "gpt.TransformerBlock", "gpt.GroupedAdamW",
                "gpt.Config");
        assertThat(program.newInstance().getClass().getName()).isEqualTo("gpt.SeedGpt");
    }

    @Test
    void theEntryIsTheEntryFilesProgramEvenWhenAnotherFileHasOne() throws HarnessException {
        String decoy = "package model;\nimport ai.darwin.training.sdk.*;\n"
                + "public class Decoy implements TrainingProgram {\n"
                + "    public TrainedModel train(TrainingContext context) { return null; }\n}\n";

        CompiledProgram program = ProgramCompiler.compile(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS, "model/Decoy.java", decoy)), ApiGrants.NONE);

        assertThat(program.className()).isEqualTo("Program");
    }

    @Test
    void aForbiddenUseInAnotherFileIsRefusedExactlyAsInTheEntry() {
        ProgramSource inEntry = new ProgramSource(ENTRY.replace("return Blocks", LEAK + " return Blocks"),
                Map.of("model/Blocks.java", BLOCKS));
        ProgramSource inBlocks = new ProgramSource(ENTRY, Map.of("model/Blocks.java",
                BLOCKS.replace("public static final int LAYERS = 2;",
                        "public static final int LAYERS = 2;\n    static void leak() { " + LEAK + " }")));

        HarnessException entry = failure(inEntry);
        HarnessException other = failure(inBlocks);

        assertThat(entry.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(other.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(entry.getMessage()).contains("java.lang.System.getenv (reading the environment), near line 7");
        assertThat(other.getMessage())
                .contains("java.lang.System.getenv (reading the environment), near model/Blocks.java line 5");
    }

    @Test
    void aFileNobodyCallsIsCheckedToo() {
        String unused = "package model;\npublic final class Unused {\n    static void exit() { System.exit(3); }\n}\n";

        HarnessException refused = failure(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS, "model/Unused.java", unused)));

        assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(refused.getMessage()).contains("java.lang.System.exit (exiting the JVM)")
                .contains("model/Unused.java line 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../Escape.java", "model/../../Escape.java", "/tmp/Absolute.java", "model//Blocks.java",
            "./Blocks.java", "model\\Blocks.java", "model/Blocks.txt", "model/Blocks.java\u0000.txt"})
    void aPathThatCouldLeaveTheProgramIsRefusedBeforeJavacSeesIt(String path) {
        HarnessException refused = failure(new ProgramSource(ENTRY, Map.of(path, BLOCKS)));

        assertThat(refused.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(refused.getMessage()).contains("is not allowed").doesNotContain("\u0000");
    }

    @Test
    void aFileWhosePackageIsNotItsDirectoryIsRefused() {
        HarnessException elsewhere = failure(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS.replace("package model;", "package other;"))));
        HarnessException none = failure(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS.replace("package model;", ""))));
        HarnessException topLevel = failure(new ProgramSource(ENTRY, Map.of("Blocks.java", BLOCKS)));

        assertThat(elsewhere.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(elsewhere.getMessage()).contains("model/Blocks.java declares package other, but its path says "
                + "package model");
        assertThat(none.failureClass()).isEqualTo(FailureClass.CONTRACT_VIOLATION);
        assertThat(none.getMessage()).contains("declares no package");
        assertThat(topLevel.getMessage()).contains("its path says the default package");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ai.darwin.training.sdk", "ai.darwin.training.harness.eval", "ai.djl.engine", "ai.darwin",
            "javax.tools", "sun.misc", "jdk.internal"})
    void aFileThatPosesAsTheHarnessTheSdkOrALibraryIsRefused(String reserved) {
        String path = reserved.replace('.', '/') + "/Budget.java";
        String file = "package " + reserved + ";\npublic final class Budget {\n}\n";

        HarnessException refused = failure(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS, path, file)));
        HarnessException entry = failure(ProgramSource.single("package " + reserved + ";\n" + ENTRY));

        assertThat(refused.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(refused.getMessage()).contains(path + " declares package " + reserved);
        assertThat(entry.failureClass()).isEqualTo(FailureClass.FORBIDDEN_API);
        assertThat(entry.getMessage()).contains("the entry file declares package " + reserved);
    }

    @Test
    void compileErrorsNameTheFileTheyAreIn() {
        HarnessException broken = failure(new ProgramSource(ENTRY,
                Map.of("model/Blocks.java", BLOCKS.replace("= 2;", "= \"two\";"))));

        assertThat(broken.failureClass()).isEqualTo(FailureClass.COMPILE_ERROR);
        assertThat(broken.getMessage()).contains("model/Blocks.java line 4: error: incompatible types")
                .contains("public static final int LAYERS = \"two\";");
    }
}
