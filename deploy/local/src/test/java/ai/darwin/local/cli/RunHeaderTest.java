package ai.darwin.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Envelope;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.variant.TrainingBudget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header announces the run it follows: a resumed run as it was requested, not as today's defaults would be. */
class RunHeaderTest {

    static final RunDefaults DEFAULTS = RunDefaults.load();

    /** A run of population 2, 2 generations and 8 s, as an interrupted ./darwin run left it on the runs topic. */
    static RunRequested interrupted() {
        RunOptions small = RunOptions.parse(List.of("--population", "2", "--generations", "2", "--budget-seconds",
                "8"), Path.of("."), DEFAULTS, name -> null);
        RunConfig config = DEFAULTS.config(small, "/home/ada/darwin/.darwin/data/input.txt");
        return new RunRequested(Envelope.of("run-small"), config, "rest");
    }

    @Test
    void aResumedRunIsAnnouncedAsItWasRequested() {
        RunRequested requested = interrupted();

        List<String> lines = RunHeader.lines(requested.config(), "run-small", List.of());

        assertThat(lines.get(0)).startsWith("Resuming run run-small: population 2, 2 generations, 8 s per variant, "
                + "mutator optimizer, dataset /home/ada/darwin/.darwin/data/input.txt");
        assertThat(lines.get(1)).startsWith("Optimising: First lower validation bits per byte (val_bpb); then higher "
                + "model FLOPs utilisation (MFU); then more training tokens per second.");
        // 2 mutations and a control in each of 2 generations, 2 more control seeds, up to 5 verification pairs
        assertThat(lines.get(2)).startsWith("At most 18 variants to train in all (each generation's control and the "
                + "verification's pairs included): roughly 8 minutes");
    }

    @Test
    void theRunToResumeIsTheUnfinishedOneOnTheTopicsAndOptionsGivenAreSaidToWaitForANewRun() {
        RunRequested requested = interrupted();

        assertThat(DarwinCli.unfinished(List.of(new RunStarted(Envelope.of("run-small")), requested)))
                .contains(requested);
        assertThat(DarwinCli.unfinished(List.of(requested, new RunCompleted(Envelope.of("run-small"),
                RunOutcome.GENERATIONS_DONE, 2, null, null, 0)))).isEmpty();
        assertThat(RunHeader.lines(requested.config(), "run-small", List.of("--population", "--seeds")).get(1))
                .isEqualTo("  --population, --seeds apply to a new run only: ./darwin run --new ...");
    }

    @Test
    void theDefaultRunSaysWhatItOptimisesAndCountsItsControlsNoiseFloorAndVerificationPairs() {
        RunConfig config = DEFAULTS.config(RunOptions.parse(List.of(), Path.of("."), DEFAULTS, name -> null), "/d.txt");

        List<String> lines = RunHeader.lines(config, null, List.of());

        assertThat(lines.get(1)).isEqualTo("Optimising: " + config.fitness().describe());
        // 4 mutations and a control in each of 3 generations, 2 more control seeds, up to 5 verification pairs
        assertThat(RunHeader.variants(config)).isEqualTo(15 + 2 + 10);
        assertThat(config.noiseFloorSeeds()).isEqualTo(3);
        // about the wall-clock default's 25 s, a little less to pay for the controls and verification pairs
        assertThat(RunHeader.trainingSeconds(config.budget())).isBetween(15.0, 25.0);
    }

    @Test
    void aNewRunIsAnnouncedWithItsOwnSettings() {
        RunConfig config = new RunConfig("local", 4, 3, new DatasetSpec("/d.txt", null, "char", 0.1),
                new TrainingBudget(200_000, 0), "cpu", "llm", "gpt-4o-mini", interrupted().config().fitness(),
                interrupted().config().selection(), 0, 0, 3, 0, 42);

        assertThat(RunHeader.lines(config, null, List.of("--budget-tokens")))
                .first().isEqualTo("Darwin: population 4, 3 generations, 200,000 tokens per variant, "
                        + "mutator llm (gpt-4o-mini), dataset /d.txt");
    }

    @Test
    void theHeaderSaysHowManyRuntimeRepairsTheRunGetsAndWhenTheMutatorMakesNone() {
        RunConfig base = DEFAULTS.config(RunOptions.parse(List.of("--runtime-repairs", "3", "--mutator", "llm"),
                Path.of("."), DEFAULTS, name -> null), "/d.txt");

        assertThat(RunHeader.lines(base, null, List.of())).last().isEqualTo("Runtime repairs: up to 3 per variant "
                + "that fails in training, by its LLM agent within the same generation");
        assertThat(RunHeader.lines(base, null, List.of())).contains("Smoke step: each variant trains 3 steps and is "
                + "checked as the evaluation will check it before its budget, so one that breaks only in evaluation "
                + "fails in seconds (--smoke-steps 0: off)");
        assertThat(RunHeader.lines(DEFAULTS.config(RunOptions.parse(List.of("--mutator", "random"), Path.of("."),
                DEFAULTS, name -> null), "/d.txt"), null, List.of())).noneMatch(line -> line.startsWith("Smoke"));
        assertThat(RunHeader.repairs(DEFAULTS.config(RunOptions.parse(List.of("--mutator", "hybrid",
                "--runtime-repairs", "0"), Path.of("."), DEFAULTS, name -> null), "/d.txt")))
                .isEqualTo("Runtime repairs: none (--runtime-repairs 0): a variant that fails in training is "
                        + "counted as failed");
        assertThat(RunHeader.repairs(DEFAULTS.config(RunOptions.parse(List.of("--mutator", "hybrid"),
                Path.of("."), DEFAULTS, name -> null), "/d.txt"))).endsWith("(for the LLM's own changes)");
        assertThat(RunHeader.repairs(DEFAULTS.config(RunOptions.parse(List.of("--mutator", "random"),
                Path.of("."), DEFAULTS, name -> null), "/d.txt")))
                .isEqualTo("Runtime repairs: none (the random mutator does not read failures)");
    }
}
