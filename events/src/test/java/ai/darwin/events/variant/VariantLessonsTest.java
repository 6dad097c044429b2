package ai.darwin.events.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VariantProposed.lessons: optional, read as none when absent, and bounded so that no proposal can flood a page. */
class VariantLessonsTest {

    private static VariantProposed withLessons(List<String> lessons) {
        return new VariantProposed(Envelope.of("run-1"), 1, "g1-a1-v", "g1-a1", AssignmentKind.MUTATE, "agent-1",
                "agent-2", List.of("p"), "class P {}", "sha", "", "why", new MutatorInfo("llm", "m"),
                TokenUsage.NONE, ProposalStatus.VALID, List.of(), new DatasetSpec("file:///d", null, "char", 0.1),
                new TrainingBudget(1000, 0), 7, "cpu", null, null, null, null, lessons);
    }

    @Test
    void lessonsTravelAndAnOlderEventReadsAsNone() {
        VariantProposed given = withLessons(List.of("helped: a lower learning rate"));
        assertThat(EventCodec.read(EventCodec.write(given), VariantProposed.class).lessons())
                .containsExactly("helped: a lower learning rate");
        VariantProposed older = EventCodec.read(EventCodec.write(withLessons(null)), VariantProposed.class);
        assertThat(older.lessons()).isNull();
        assertThat(older.lessonsOrNone()).isEmpty();
    }

    @Test
    void tooManyTooLongOrBlankLessonsAreRefused() {
        assertThat(withLessons(Collections.nCopies(VariantProposed.MAX_LESSONS, "x".repeat(
                VariantProposed.MAX_LESSON_CHARS))).lessons()).hasSize(VariantProposed.MAX_LESSONS);
        assertThatThrownBy(() -> withLessons(Collections.nCopies(VariantProposed.MAX_LESSONS + 1, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 50 entries");
        assertThatThrownBy(() -> withLessons(List.of("x".repeat(VariantProposed.MAX_LESSON_CHARS + 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000 characters");
        assertThatThrownBy(() -> withLessons(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
    }
}
