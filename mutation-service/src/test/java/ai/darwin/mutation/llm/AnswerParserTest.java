package ai.darwin.mutation.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.hitl.ApprovalKind;
import org.junit.jupiter.api.Test;

class AnswerParserTest {

    @Test
    void readsAnswersWrappedInWordsOrFencesWithEnumsInAnyCase() {
        LlmAnswer answer = AnswerParser.parse("Here you go:\n```json\n{\"reasoning\":\"r\",\"mode\":\"edits\","
                + "\"edits\":[{\"search\":\"a\",\"replace\":\"b\"}],\"program\":\"\",\"upgradeRequests\":"
                + "[{\"kind\":\"new_import\",\"detail\":\"java.util.concurrent.Executors\",\"justification\":\"j\"}],"
                + "\"extra\":1}\n```");
        assertThat(answer.mode()).isEqualTo(LlmAnswer.Mode.EDITS);
        assertThat(answer.edits()).containsExactly(new LlmAnswer.Edit("a", "b"));
        assertThat(AnswerApplier.upgrades(answer)).singleElement()
                .satisfies(u -> assertThat(u.kind()).isEqualTo(ApprovalKind.NEW_IMPORT));
    }

    @Test
    void emptyTruncatedOrWrongAnswersSayWhatIsWrong() {
        assertThatThrownBy(() -> AnswerParser.parse("  ")).hasMessageContaining("the answer was empty");
        assertThatThrownBy(() -> AnswerParser.parse("I would lower the learning rate."))
                .hasMessageContaining("holds no JSON object");
        assertThatThrownBy(() -> AnswerParser.parse("{\"reasoning\": \"r\", \"mode\": \"SOMETIMES\"}"))
                .hasMessageContaining("not the JSON object asked for");
    }
}
