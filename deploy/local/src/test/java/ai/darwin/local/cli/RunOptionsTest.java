package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.run.RunConfig;
import ai.darwin.local.compare.CompareOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOptionsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final RunDefaults DEFAULTS = RunDefaults.load();

    private static RunOptions parse(String... args) {
        return RunOptions.parse(List.of(args), REPOSITORY, DEFAULTS, name -> null);
    }

    @Test
    void theDefaultBudgetIsTheSameNumberOfTokensForEveryVariantAndSecondsStayAvailable() {
        RunOptions defaults = parse();
        // a comparison measures what a run would: the same token budget
        assertThat(defaults.maxTokens()).isEqualTo(CompareOptions.DEFAULT_BUDGET_TOKENS);
        assertThat(defaults.maxSeconds()).isZero();
        assertThat(defaults.seeds()).isEqualTo(5);

        RunOptions wallClock = parse("--budget-seconds", "25");
        assertThat(wallClock.maxTokens()).isZero();
        assertThat(wallClock.maxSeconds()).isEqualTo(25);
        RunOptions both = parse("--budget-seconds", "60", "--budget-tokens", "50000");
        assertThat(both.maxTokens()).isEqualTo(50_000);
        assertThat(both.maxSeconds()).isEqualTo(60);
        assertThat(RunOptions.usage()).contains("--budget-seconds alone asks for\na wall-clock budget instead");
    }

    @Test
    void trainingIsIsolatedUnlessTheOperatorSaysOtherwise() {
        assertThat(RunOptions.parse(List.of("--population", "2"), REPOSITORY).allowUnisolated()).isFalse();
        RunOptions allowed = RunOptions.parse(List.of("--allow-unisolated", "--population", "2"), REPOSITORY);
        assertThat(allowed.allowUnisolated()).isTrue();
        assertThat(allowed.population()).isEqualTo(2);
        assertThat(RunOptions.usage()).contains("--allow-unisolated");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--population     | -2    | --population must be a whole number from 2 to 100, not '-2'",
            "--population     | abc   | --population must be a whole number from 2 to 100, not 'abc'",
            "--population     | 1     | --population must be a whole number from 2 to 100, not '1'",
            "--generations    | 0     | --generations must be a whole number from 1 to 1,000, not '0'",
            "--budget-seconds | -5    | --budget-seconds must be a number of seconds from 0 (no time limit) to 86,400, not '-5'",
            "--budget-seconds | NaN   | --budget-seconds must be a number of seconds from 0 (no time limit) to 86,400, not 'NaN'",
            "--budget-tokens  | -1    | --budget-tokens must be a whole number from 0 to 1,000,000,000,000, not '-1'",
            "--seeds          | 1     | --seeds must be a whole number from 2 to 20, not '1'",
            "--seed           | x     | --seed must be a whole number, not 'x'",
            "--mutator        | gpt   | --mutator must be optimizer, random, llm, llm-chunk or hybrid, not 'gpt'",
            "--mutator        | offline | --mutator must be optimizer, random, llm, llm-chunk or hybrid, not 'offline'",
            "--sha256         | beef  | --sha256 must be 64 hexadecimal digits, not 'beef'",
            "--cost-cap-usd   | -1    | --cost-cap-usd must be US dollars from 0 (mutation-service's default cap) to 10,000, not '-1'",
            "--cost-cap-usd   | lots  | --cost-cap-usd must be US dollars from 0 (mutation-service's default cap) to 10,000, not 'lots'",
    })
    void aBadValueIsRefusedBeforeAnythingStartsNamingTheOptionAndItsRange(String option, String value,
                                                                           String message) {
        assertThatThrownBy(() -> parse(option, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aBudgetNeedsOneLimitAboveZeroAndAnOptionNeedsItsValue() {
        assertThatThrownBy(() -> parse("--budget-seconds", "0")).hasMessageContaining("both 0");
        assertThat(parse("--budget-seconds", "0", "--budget-tokens", "200000").maxTokens()).isEqualTo(200_000);
        assertThatThrownBy(() -> parse("--population")).hasMessageStartingWith("--population needs a value");
        assertThatThrownBy(() -> parse("--population", "--new")).hasMessageStartingWith("--population needs a value");
        assertThatThrownBy(() -> parse("--populaton", "3")).hasMessageStartingWith("unknown option --populaton");
    }

    @Test
    void withoutOptionsTheRunIsTheDefaultsFilesAndItIsAValidRun() {
        RunOptions options = parse();
        RunConfig config = DEFAULTS.config(options, "/data/corpus.txt");

        assertThat(List.of(options.population(), options.generations(), options.seeds()))
                .containsExactly(number("population"), number("generations"), number("seeds"));
        assertThat(options.maxSeconds()).isEqualTo(Double.parseDouble(DEFAULTS.get("budget-seconds")));
        assertThat(options.mutator()).isEqualTo("optimizer");
        assertThat(options.model()).isNull();
        assertThat(options.dataset()).satisfiesAnyOf(d -> assertThat(d).endsWith("tinyshakespeare.txt"),
                d -> assertThat(d).isEqualTo(DEFAULTS.get("default-dataset.url")));
        assertThat(options.sha256()).isEqualTo(DEFAULTS.get("default-dataset.sha256"));
        assertThat(options.given()).isEmpty();
        assertThat(config.fitness().order()).containsExactly("val_bpb", "mfu", "tokens_per_second");
        assertThat(config.selection().assignmentPolicy()).isEqualTo(DEFAULTS.get("selection.assignment-policy"));
        assertThat(config.preset()).isEqualTo(DEFAULTS.get("preset"));
        assertThat(config.dataset().uri()).isEqualTo("/data/corpus.txt");
        assertThat(config.verificationSeeds()).isEqualTo(options.seeds());
    }

    @Test
    void anLlmCostCapAppliesByDefaultAndTheFlagSetsIt() {
        assertThat(DEFAULTS.config(parse(), "/data/corpus.txt").costCapUsd()).isEqualTo(5.0);
        RunOptions capped = parse("--cost-cap-usd", "0.5");
        assertThat(DEFAULTS.config(capped, "/data/corpus.txt").costCapUsd()).isEqualTo(0.5);
        assertThat(capped.given()).containsExactly("--cost-cap-usd");
        assertThat(RunOptions.usage()).contains("--cost-cap-usd");
    }

    @Test
    void runtimeRepairsDefaultToOneAndTheFlagSetsThemWithinTheirRange() {
        assertThat(DEFAULTS.config(parse(), "/data/corpus.txt").runtimeRepairs()).isEqualTo(1);
        RunOptions three = parse("--runtime-repairs", "3");
        assertThat(DEFAULTS.config(three, "/data/corpus.txt").runtimeRepairs()).isEqualTo(3);
        assertThat(DEFAULTS.config(parse("--runtime-repairs", "0"), "/d.txt").runtimeRepairs()).isZero();
        assertThatThrownBy(() -> parse("--runtime-repairs", "6"))
                .hasMessage("--runtime-repairs must be a whole number from 0 to 5, not '6'");
        assertThatThrownBy(() -> parse("--runtime-repairs", "-1"))
                .hasMessage("--runtime-repairs must be a whole number from 0 to 5, not '-1'");
        assertThat(RunOptions.usage()).contains("[--runtime-repairs 0..5]");
    }

    @Test
    void theSmokeStepIsOnForTheMutatorsThatWriteCodeAndTheFlagSetsItWithinItsRange() {
        RunOptions llm = parse("--mutator", "llm", "--model", "m");
        assertThat(DEFAULTS.config(llm, "/d.txt").budget().smokeSteps()).isEqualTo(3);
        assertThat(DEFAULTS.config(parse("--mutator", "hybrid", "--model", "m"), "/d.txt").budget().smokeSteps())
                .isEqualTo(3);
        assertThat(DEFAULTS.config(parse("--mutator", "optimizer"), "/d.txt").budget().smokeSteps())
                .as("knob changes reach evaluation through the forward they trained with: no smoke step").isNull();
        assertThat(DEFAULTS.config(parse("--mutator", "random", "--smoke-steps", "5"), "/d.txt").budget()
                .smokeSteps()).isEqualTo(5);
        assertThat(DEFAULTS.config(parse("--mutator", "llm", "--model", "m", "--smoke-steps", "0"), "/d.txt")
                .budget().smokeStepsOrNone()).isZero();
        assertThatThrownBy(() -> parse("--smoke-steps", "101"))
                .hasMessage("--smoke-steps must be a whole number from 0 to 100, not '101'");
        assertThatThrownBy(() -> parse("--smoke-steps", "some"))
                .hasMessage("--smoke-steps must be a whole number from 0 to 100, not 'some'");
        assertThat(RunOptions.usage()).contains("[--smoke-steps auto|0..100]");
    }

    @Test
    void theLlmIsTheMutatorWhereOneIsConfiguredAndItsModelComesFromTheEnvironment() {
        Map<String, String> env = Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1", "OPENAI_MODEL", "qwen");
        RunOptions options = RunOptions.parse(List.of(), REPOSITORY, DEFAULTS, env::get);

        assertThat(options.mutator()).isEqualTo("llm");
        assertThat(options.model()).isEqualTo("qwen");
        assertThat(RunOptions.parse(List.of("--model", "m", "--mutator", "llm-chunk"), REPOSITORY, DEFAULTS,
                env::get).model()).isEqualTo("m");
        RunOptions hybrid = RunOptions.parse(List.of("--mutator", "hybrid"), REPOSITORY, DEFAULTS, env::get);
        assertThat(hybrid.mutator()).isEqualTo("hybrid");
        assertThat(hybrid.model()).isEqualTo("qwen");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--mutator", "hybrid", "--model", ""), REPOSITORY,
                DEFAULTS, env::get)).hasMessage("--model must name the LLM for the hybrid mutator");
    }

    @Test
    void aDefaultsFileWithABadValueIsNamedToo() {
        Properties broken = new Properties();
        for (String key : RunOptions.VALUED) {
            broken.setProperty(key, DEFAULTS.get(key));
        }
        broken.setProperty("population", "four");

        assertThatThrownBy(() -> RunOptions.parse(List.of(), REPOSITORY, new RunDefaults(broken), name -> null))
                .hasMessage("--population must be a whole number from 2 to 100, not 'four' (set in "
                        + "deploy/local/src/main/resources/run-defaults.properties)");
    }

    @Test
    void theMinimumEffectIsAPercentageThatBecomesTheRunsFraction() {
        RunOptions defaults = RunOptions.parse(List.of(), REPOSITORY, DEFAULTS, name -> null);
        assertThat(defaults.minEffectPercent()).isEqualTo(0.5);
        assertThat(DEFAULTS.config(defaults, "data.txt").minimumEffectOrDefault()).isEqualTo(0.005);
        assertThat(RunOptions.parse(List.of("--min-effect", "2"), REPOSITORY, DEFAULTS, name -> null)
                .minEffectPercent()).isEqualTo(2);
        assertThatThrownBy(() -> RunOptions.parse(List.of("--min-effect", "60"), REPOSITORY, DEFAULTS, name -> null))
                .hasMessage("--min-effect must be a percentage of the seed's val_bpb from 0 (any significant "
                        + "difference) to 50, not '60'");
    }

    private static int number(String key) {
        return Integer.parseInt(DEFAULTS.get(key));
    }
}
