package ai.darwin.mutation.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.variant.TrainingBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void noPromptGoesOutWithAnUnfilledPlaceholder() {
        assertThatThrownBy(() -> PromptTemplate.load("repair").fill(Map.of("problems", "- x")))
                .hasMessageContaining("{{base}}");
        assertThat(PromptTemplate.load("repair").fill(Map.of("problems", "- $1 \\ x", "base", "B")))
                .contains("- $1 \\ x", "B");
    }

    @Test
    void theBudgetReadsAsItsLimits() {
        assertThat(PromptBuilder.budget(new TrainingBudget(200_000, 60), "cpu"))
                .isEqualTo("200,000 training tokens or 60 seconds of training, whichever comes first; preset cpu");
    }

    @Test
    void aBudgetWithOneLimitSaysNothingOfWhichComesFirst() {
        assertThat(PromptBuilder.budget(new TrainingBudget(0, 10), "cpu")).isEqualTo("10 seconds of training; preset cpu");
        assertThat(PromptBuilder.budget(new TrainingBudget(0, 8.5), null)).isEqualTo("8.5 seconds of training");
        assertThat(PromptBuilder.budget(new TrainingBudget(400_000, 0), "gpu"))
                .isEqualTo("400,000 training tokens; preset gpu");
    }
}
