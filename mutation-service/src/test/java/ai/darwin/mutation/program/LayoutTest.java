package ai.darwin.mutation.program;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.variant.ProgramFile;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layout rule: the inherited files, plus what a human approved, and no more. */
class LayoutTest {

    static final ProgramFile MODEL = new ProgramFile("model/Gpt.java", "package model;\npublic class Gpt {}\n");
    static final ProgramFile ATTENTION = new ProgramFile("model/Attention.java",
            "package model;\npublic class Attention {}\n");

    @Test
    void withoutAnApprovalAProgramKeepsTheFilesItInherited() {
        Layout layout = Layout.INHERITED;
        assertThat(layout.problems(List.of(MODEL), List.of(new ProgramFile(MODEL.path(), "package model;\n"))))
                .isEmpty();
        assertThat(layout.problems(List.of(), List.of(MODEL))).singleElement().asString()
                .startsWith("LAYOUT: the program adds model/Gpt.java, which no human approved")
                .contains("NEW_FILE", "RESTRUCTURE");
        assertThat(layout.problems(List.of(MODEL), List.of())).singleElement().asString()
                .startsWith("LAYOUT: the program removes model/Gpt.java").contains("RESTRUCTURE");
        // a rename is a file removed and one added
        assertThat(layout.problems(List.of(MODEL), List.of(ATTENTION))).hasSize(2);
    }

    @Test
    void anApprovedNewFileMayBeAddedAndNoOther() {
        Layout layout = new Layout(false, Set.of("model/Attention.java"));
        assertThat(layout.problems(List.of(MODEL), List.of(MODEL, ATTENTION))).isEmpty();
        assertThat(layout.problems(List.of(), List.of(MODEL, ATTENTION))).singleElement().asString()
                .contains("adds model/Gpt.java", "the approved new files (model/Attention.java)");
    }

    @Test
    void anApprovedRestructureAllowsAnyLayout() {
        Layout layout = new Layout(true, Set.of());
        assertThat(layout.problems(List.of(MODEL), List.of(ATTENTION))).isEmpty();
        assertThat(layout.problems(List.of(), List.of(MODEL, ATTENTION))).isEmpty();
    }

    @Test
    void thePromptSaysWhatTheProgramHasAndWhatTheAgentMayDo() {
        assertThat(Layout.INHERITED.describe(List.of())).contains("a single file, the entry file Program.java",
                "Keep this layout");
        assertThat(new Layout(false, Set.of("model/Attention.java")).describe(List.of(MODEL)))
                .contains("2 files: the entry file Program.java and model/Gpt.java",
                        "APPROVED these NEW files, which you may add: model/Attention.java");
        assertThat(new Layout(true, Set.of()).describe(List.of(MODEL))).contains("APPROVED a RESTRUCTURE",
                "within 16 files");
    }
}
