package ai.darwin.platform.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRequestCheckTest {

    private static final String CORPUS = "https://raw.githubusercontent.com/karpathy/char-rnn/master/input.txt";
    private final RunRequestCheck check = new RunRequestCheck(new DatasetSources(List.of("https"),
            List.of("raw.githubusercontent.com"), List.of()));

    @Test
    void aRunOnAnAllowedCorpusWithKnownNamesPasses() {
        assertThat(check.refusal(run(new DatasetSpec(CORPUS, null, "char", 0.1), FitnessSpec.DEFAULT,
                new SelectionSpec(1, 2, "others")))).isEmpty();
    }

    @Test
    void aDatasetOrExtraCorpusFromAnywhereElseIsRefusedWithTheReason() {
        assertThat(check.refusal(run(new DatasetSpec("/etc/passwd", null, "char", 0.1), FitnessSpec.DEFAULT,
                new SelectionSpec(1, 2, "others")))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("dataset '/etc/passwd' is not allowed").contains("local files are not allowed"));
        DatasetSpec extra = new DatasetSpec(CORPUS, null, "char", 0.1,
                List.of(new ExtraCorpus("http://169.254.169.254/latest", "0".repeat(64), 1, null, "req-1")));
        assertThatThrownBy(() -> check.check(run(extra, FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "others"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme 'http' is not allowed");
    }

    @Test
    void unknownNamesAndTooManyElitesAreRefused() {
        DatasetSpec corpus = new DatasetSpec(CORPUS, null, "char", 0.1);
        SelectionSpec selection = new SelectionSpec(1, 2, "others");
        assertThat(check.refusal(run(corpus, new FitnessSpec("best", List.of(), Map.of()), selection)))
                .hasValueSatisfying(r -> assertThat(r).contains("not 'best'"));
        assertThat(check.refusal(run(corpus, new FitnessSpec("weighted", List.of(), Map.of()), selection)))
                .hasValue("weighted fitness needs weights");
        assertThat(check.refusal(run(corpus, new FitnessSpec("lexicographic", List.of("accuracy"), Map.of()),
                selection))).hasValueSatisfying(r -> assertThat(r).contains("unknown fitness metric 'accuracy'"));
        assertThat(check.refusal(run(corpus, FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "everyone"))))
                .hasValueSatisfying(r -> assertThat(r).contains("not 'everyone'"));
        assertThat(check.refusal(run(corpus, FitnessSpec.DEFAULT, new SelectionSpec(5, 2, "others"))))
                .hasValue("elites (5) cannot exceed the population (4)");
    }

    @Test
    void aRequestThatPassesGetsAFreshRunIdAndTheCallersName() {
        RunConfig config = run(new DatasetSpec(CORPUS, null, "char", 0.1), FitnessSpec.DEFAULT,
                new SelectionSpec(1, 2, "others"));
        RunRequested first = check.request(config, "otto");
        assertThat(first.runId()).matches("run-[0-9a-f]{8}").isNotEqualTo(check.request(config, "otto").runId());
        assertThat(first.requestedBy()).isEqualTo("otto");
        assertThat(first.config()).isEqualTo(SmokeSteps.filledIn(config));
        assertThatThrownBy(() -> check.request(null, "otto")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a run configuration is required as the JSON body");
    }

    @Test
    void aRequestThatNamesNoSmokeStepGetsItsMutatorsAndOneThatNamesItKeepsIt() {
        DatasetSpec corpus = new DatasetSpec(CORPUS, null, "char", 0.1);
        RunConfig knobs = run(corpus, FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "others"));
        assertThat(check.request(knobs, "otto").config().budget().smokeSteps()).isZero();
        RunConfig code = new RunConfig("checked", 4, 2, corpus, new TrainingBudget(100_000, 0), "cpu", "llm",
                "gpt-test", FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "others"), 0, 0, 3, 0, 7);
        RunRequested requested = check.request(code, "otto");
        assertThat(requested.config().budget().smokeSteps()).isEqualTo(SmokeSteps.FOR_CODE_MUTATORS);
        assertThat(requested.config()).usingRecursiveComparison().ignoringFields("budget").isEqualTo(code);
        RunConfig off = new RunConfig("checked", 4, 2, corpus, new TrainingBudget(100_000, 0, 0), "cpu", "llm",
                "gpt-test", FitnessSpec.DEFAULT, new SelectionSpec(1, 2, "others"), 0, 0, 3, 0, 7);
        assertThat(check.request(off, "otto").config().budget().smokeSteps()).isZero();
    }

    private static RunConfig run(DatasetSpec dataset, FitnessSpec fitness, SelectionSpec selection) {
        return new RunConfig("checked", 4, 2, dataset, new TrainingBudget(100_000, 0), "cpu", "optimizer", null,
                fitness, selection, 0, 0, 3, 0, 7);
    }
}
