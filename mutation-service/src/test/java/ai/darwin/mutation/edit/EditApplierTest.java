package ai.darwin.mutation.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditApplierTest {

    static final String PROGRAM = "class A {\n    static final int WARMUP = 100;\n    static final int STEPS = 100;\n}\n";

    @Test
    void editsApplyInOrderEachToTheTextThePreviousOneLeft() {
        EditResult result = EditApplier.apply(PROGRAM, List.of(
                new SearchReplace("    static final int WARMUP = 100;", "    static final int WARMUP = 50;"),
                new SearchReplace("WARMUP = 50;\n    static final int STEPS = 100;", "WARMUP = 50;\n    static final int STEPS = 200;")));
        assertThat(result.applied()).isTrue();
        assertThat(result.source()).isEqualTo("class A {\n    static final int WARMUP = 50;\n    static final int STEPS = 200;\n}\n");
    }

    @Test
    void aSearchThatIsNotThereNamesTheClosestLine() {
        EditResult result = EditApplier.apply(PROGRAM, List.of(new SearchReplace("static final int WARMUP = 10;", "x")));
        assertThat(result.applied()).isFalse();
        assertThat(result.errors()).singleElement().asString().contains("edit 1 of 1: SEARCH text not found",
                "The closest line is line 2: \"static final int WARMUP = 100;\"");
    }

    @Test
    void aSearchWhoseFirstLineMatchesSaysThatALaterLineOrItsWhitespaceDiffers() {
        EditResult result = EditApplier.apply(PROGRAM, List.of(new SearchReplace(
                "    static final int WARMUP = 100;\n  static final int STEPS = 100;", "x")));
        assertThat(result.errors()).singleElement().asString().contains("That line matches, so a later SEARCH line "
                + "or its whitespace differs");
    }

    @Test
    void anAmbiguousOrEmptySearchIsRejectedAndNothingIsApplied() {
        EditResult result = EditApplier.apply(PROGRAM, List.of(new SearchReplace("= 100;", "= 1;"),
                new SearchReplace("", "x")));
        assertThat(result.source()).isNull();
        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0)).contains("occurs 2 times (first at line 2, then line 3)");
        assertThat(result.errors().get(1)).contains("SEARCH is empty");
        assertThat(EditApplier.apply(PROGRAM, List.of()).errors()).containsExactly("the answer has no edits");
    }
}
