package ai.darwin.mutation.validation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.training.harness.SeedProgram;
import java.util.List;
import java.util.Set;
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
}
