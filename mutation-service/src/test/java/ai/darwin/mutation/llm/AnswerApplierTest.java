package ai.darwin.mutation.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.Attempt;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one rule for answers about a whole program, which the LLM mutator and chunk mode's repairs share: the content
 * decides, the mode breaks ties. Before, the two paths disagreed on exactly the answers below whose mode and content
 * do not match.
 */
class AnswerApplierTest {

    static final String BASE = "class A {\n    int x = 1;\n}\n";
    static final String NEW_PROGRAM = "class A {\n    int x = 2;\n}\n";
    static final ObjectMapper JSON = new ObjectMapper();

    static String answer(String mode, boolean edit, String program) {
        ObjectNode answer = JSON.createObjectNode().put("reasoning", "  raise x  ").put("program", program);
        if (mode != null) {
            answer.put("mode", mode);
        }
        if (edit) {
            answer.putArray("edits").addObject().put("search", "int x = 1;").put("replace", "int x = 3;");
        }
        answer.putArray("upgradeRequests").addObject().put("kind", "NEW_IMPORT").put("detail", " java.util.Random ")
                .put("justification", "why");
        return answer.toString();
    }

    @Test
    void editsApplyToTheBaseAndReasoningAndUpgradesComeAlong() {
        Attempt attempt = AnswerApplier.apply(Program.single(BASE), answer("EDITS", true, ""));
        assertThat(attempt.source()).isEqualTo("class A {\n    int x = 3;\n}\n");
        assertThat(attempt.reasoning()).isEqualTo("raise x");
        assertThat(attempt.upgrades()).singleElement()
                .satisfies(u -> assertThat(u.detail()).isEqualTo("java.util.Random"));
    }

    @Test
    void aRewriteReplacesTheProgram() {
        assertThat(AnswerApplier.apply(Program.single(BASE), answer("REWRITE", false, NEW_PROGRAM)).source())
                .isEqualTo(NEW_PROGRAM);
    }

    @Test
    void aProgramWithoutEditsIsARewriteWhateverTheModeSays() {
        // chunk repairs used to refuse this one ("the answer has no edits") and lose a repair round
        assertThat(AnswerApplier.apply(Program.single(BASE), answer("EDITS", false, NEW_PROGRAM)).source())
                .isEqualTo(NEW_PROGRAM);
        assertThat(AnswerApplier.apply(Program.single(BASE), answer(null, false, NEW_PROGRAM)).source())
                .isEqualTo(NEW_PROGRAM);
    }

    @Test
    void editsWithoutAProgramAreEditsWhateverTheModeSays() {
        // the LLM mutator used to refuse this one ("mode REWRITE needs the whole program")
        assertThat(AnswerApplier.apply(Program.single(BASE), answer("REWRITE", true, "")).source())
                .isEqualTo("class A {\n    int x = 3;\n}\n");
    }

    @Test
    void withBothTheModePicks() {
        assertThat(AnswerApplier.apply(Program.single(BASE), answer("REWRITE", true, NEW_PROGRAM)).source())
                .isEqualTo(NEW_PROGRAM);
        assertThat(AnswerApplier.apply(Program.single(BASE), answer("EDITS", true, NEW_PROGRAM)).source())
                .isEqualTo("class A {\n    int x = 3;\n}\n");
    }

    @Test
    void anAnswerWithNeitherSaysWhatIsMissingAndKeepsItsReasoningAndUpgrades() {
        Attempt attempt = AnswerApplier.apply(Program.single(BASE), answer("REWRITE", false, " "));
        assertThat(attempt.source()).isNull();
        assertThat(attempt.problems()).singleElement().asString().contains("neither edits nor a program");
        assertThat(attempt.reasoning()).isEqualTo("raise x");
        assertThat(attempt.upgrades()).hasSize(1);
    }

    @Test
    void editsThatMissAndUnreadableAnswersBecomeProblems() {
        String missing = "{\"mode\":\"EDITS\",\"edits\":[{\"search\":\"int y = 1;\",\"replace\":\"int y = 2;\"}]}";
        assertThat(AnswerApplier.apply(Program.single(BASE), missing).problems()).singleElement().asString()
                .contains("SEARCH text not found");
        assertThat(AnswerApplier.apply(Program.single(BASE), "no JSON here").problems()).singleElement().asString()
                .contains("holds no JSON object");
    }

    @Test
    void editsApplyToTheFileTheyNameAndFilesAreWrittenWholeOrRemoved() {
        Program base = new Program(BASE, List.of(
                new ProgramFile("m/B.java", "package m;\nclass B {\n    int y = 1;\n}\n"),
                new ProgramFile("m/C.java", "package m;\nclass C {}\n")));
        ObjectNode answer = JSON.createObjectNode().put("reasoning", "split").put("mode", "EDITS").put("program", "");
        answer.putArray("edits").add(JSON.createObjectNode().put("path", "m/B.java").put("search", "int y = 1;")
                .put("replace", "int y = 2;")).add(JSON.createObjectNode().put("path", "").put("search", "int x = 1;")
                .put("replace", "int x = 5;"));
        answer.putArray("files").add(JSON.createObjectNode().put("path", "m/D.java").put("source", "package m;\n"))
                .add(JSON.createObjectNode().put("path", "m/C.java").put("source", ""));
        Attempt attempt = AnswerApplier.apply(base, answer.toString());
        assertThat(attempt.problems()).isEmpty();
        Program program = attempt.program(base);
        assertThat(program.entry()).contains("int x = 5;");
        assertThat(program.files()).extracting(ProgramFile::path).containsExactly("m/B.java", "m/D.java");
        assertThat(program.source("m/B.java")).hasValue("package m;\nclass B {\n    int y = 2;\n}\n");
    }

    @Test
    void anEditOfAFileTheProgramDoesNotHaveOrThatMissesNamesTheFile() {
        Program base = new Program(BASE, List.of(new ProgramFile("m/B.java", "package m;\nclass B {}\n")));
        String answer = "{\"mode\":\"EDITS\",\"edits\":[{\"path\":\"m/Z.java\",\"search\":\"a\",\"replace\":\"b\"},"
                + "{\"path\":\"m/B.java\",\"search\":\"class Q\",\"replace\":\"class R\"}]}";
        assertThat(AnswerApplier.apply(base, answer).problems()).satisfiesExactly(
                p -> assertThat(p).contains("there is no file m/Z.java to edit", "Program.java, m/B.java"),
                p -> assertThat(p).startsWith("in m/B.java: ").contains("SEARCH text not found"));
    }
}
