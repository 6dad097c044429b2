package ai.darwin.mutation.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.program.SplitSeed;
import ai.darwin.training.harness.SeedProgram;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgramValidatorTest {

    static final String SEED = SeedProgram.source();
    static final ProgramValidator VALIDATOR = new ProgramValidator(new ImportPolicy(List.of("ai.djl.",
            "ai.darwin.training.sdk.", "java.lang.", "java.util.", "java.math.")));

    @Test
    void theSeedProgramIsValid() {
        assertThat(VALIDATOR.validate(SEED, Set.of())).isEmpty();
    }

    @Test
    void importsOutsideTheAllowedSetAreNamedUnlessAHumanApprovedThem() {
        String withFile = SEED.replace("import java.util.Map;", "import java.util.Map;\nimport java.io.File;");
        assertThat(VALIDATOR.validate(withFile, Set.of())).singleElement().asString()
                .contains("import java.io.File is outside the allowed packages", "NEW_IMPORT");
        assertThat(VALIDATOR.imports().violations(withFile, Set.of("java.io.File"))).isEmpty();
        assertThat(VALIDATOR.imports().violations(withFile, Set.of("java.io.*"))).isEmpty();
    }

    @Test
    void aGrantedCatalogueEntryPassesTheBytecodeCheckAndAnApprovalOutsideItDoesNot() {
        String drawing = SEED.replace("long step = 0;", "long step = 0;\n        java.util.random.RandomGenerator draws "
                + "= new java.util.Random(7);\n        if (draws.nextGaussian(0.0, 1.0) > 1e9) { step = 1; }");
        assertThat(drawing).contains("RandomGenerator");
        assertThat(VALIDATOR.validate(drawing, Set.of())).singleElement().asString().startsWith("FORBIDDEN_API")
                .contains("java.util.random.RandomGenerator", "NEW_IMPORT");
        assertThat(VALIDATOR.validate(drawing, Set.of("java.util.random.RandomGenerator"))).isEmpty();

        String withFile = SEED.replace("long step = 0;", "long step = 0;\n        new java.io.File(\"x\").delete();");
        assertThat(VALIDATOR.validate(withFile, Set.of("java.io.File"))).singleElement().asString()
                .startsWith("FORBIDDEN_API").contains("java.io.File");
    }

    @Test
    void compileErrorsForbiddenApisAndAnUnpolledBudgetAreReported() {
        assertThat(VALIDATOR.validate(SEED.replace("Activation.gelu(", "Activation.geluu("), Set.of()))
                .singleElement().asString().startsWith("COMPILE_ERROR: line ").contains("cannot find symbol");
        String threads = SEED.replace("long step = 0;", "long step = 0;\n        new Thread(() -> { }).start();");
        assertThat(VALIDATOR.validate(threads, Set.of())).singleElement().asString()
                .startsWith("FORBIDDEN_API").contains("java.lang.Thread (threads)");
        assertThat(VALIDATOR.validate(SEED.replace("!budget.exhausted()", "step < 100")
                .replace("|| budget.exhausted()", "|| step == 100").replace("budget.fractionUsed()", "0.5"), Set.of()))
                .singleElement().asString().contains("never polls its budget");
    }

    @Test
    void theSeedSplitInTwoFilesIsValid() {
        assertThat(VALIDATOR.validate(SplitSeed.program(), Set.of())).isEmpty();
    }

    /** Each attack on a helper file is refused exactly as it is in the entry file. */
    @Test
    void aHelperFileThatDoesWhatTheEntryMayNotIsRefusedTheSameWay() {
        String threads = SplitSeed.SCHEDULES.replace("if (step < warmupSteps) {",
                "new Thread(() -> { }).start();\n        if (step < warmupSteps) {");
        assertThat(VALIDATOR.validate(SplitSeed.program().with(SplitSeed.PATH, threads), Set.of()))
                .singleElement().asString().startsWith("FORBIDDEN_API").contains("java.lang.Thread (threads)");
        String file = SplitSeed.SCHEDULES.replace("package schedule;", "package schedule;\n\nimport java.io.File;");
        assertThat(VALIDATOR.validate(SplitSeed.program().with(SplitSeed.PATH, file), Set.of()))
                .singleElement().asString()
                .isEqualTo("in schedule/Schedules.java: import java.io.File is outside the allowed packages (ai.djl "
                        + "(with subpackages), ai.darwin.training.sdk (with subpackages), java.lang (with subpackages), "
                        + "java.util (with subpackages), java.math (with subpackages)); remove it, or ask for it with "
                        + "an upgrade request of kind NEW_IMPORT");
        String broken = SplitSeed.SCHEDULES.replace("Math.cos(", "Math.coss(");
        assertThat(VALIDATOR.validate(SplitSeed.program().with(SplitSeed.PATH, broken), Set.of()))
                .singleElement().asString().startsWith("COMPILE_ERROR: schedule/Schedules.java line ")
                .contains("cannot find symbol");
    }

    @Test
    void hostileLayoutsAreRefusedBeforeAnythingCompiles() {
        Program split = SplitSeed.program();
        assertThat(VALIDATOR.validate(new Program(split.entry(), List.of(new ProgramFile("../schedule/Schedules.java",
                SplitSeed.SCHEDULES))), Set.of())).singleElement().asString()
                .contains("the path '../schedule/Schedules.java' is not allowed");
        assertThat(VALIDATOR.validate(new Program(split.entry(), List.of(new ProgramFile("/schedule/Schedules.java",
                SplitSeed.SCHEDULES))), Set.of())).singleElement().asString().contains("is not allowed");
        assertThat(VALIDATOR.validate(new Program(split.entry(), List.of(new ProgramFile("other/Schedules.java",
                SplitSeed.SCHEDULES))), Set.of())).singleElement().asString().isEqualTo("in other/Schedules.java: the "
                + "file declares package schedule, but its path puts it in package other: the directories of a path "
                + "are its package");
        String sdk = SplitSeed.SCHEDULES.replace("package schedule;", "package ai.darwin.training.sdk;");
        assertThat(VALIDATOR.validate(new Program(split.entry(), List.of(new ProgramFile(
                "ai/darwin/training/sdk/Schedules.java", sdk))), Set.of())).singleElement().asString()
                .contains("package ai.darwin.training.sdk belongs to the JDK, DJL or Darwin");
        List<ProgramFile> many = IntStream.range(0, 16).mapToObj(i -> new ProgramFile("m/F" + i + ".java",
                "package m;\nclass F" + i + " {}\n")).toList();
        assertThat(VALIDATOR.validate(new Program(split.entry(), many), Set.of())).singleElement().asString()
                .contains("17 files, more than the 16 allowed");
    }
}
