package ai.darwin.selection.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.EventCodec;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.selection.store.RunState.AgentSlot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStateTest {

    static final ObjectMapper JSON = EventCodec.mapper();
    static final RunConfig CONFIG = new RunConfig("test", 2, 3, new DatasetSpec("tiny.txt", null, "char", 0.1),
            new TrainingBudget(10_000, 1), "cpu", "offline", null,
            new FitnessSpec("lexicographic", List.of("val_bpb"), Map.of()), new SelectionSpec(1, 2, "others"),
            0, 0, 3, 0, 7);

    @Test
    void theStoredFormIsFlatAsItWasWhenTheFieldsWerePublic() throws Exception {
        RunState run = RunState.start("run-1", CONFIG, "class Seed {}", Instant.EPOCH);
        run.steering().requestPause();
        run.veto("v-1");
        run.steering().approvePopulation(4, run.config());
        ExtraCorpus corpus = new ExtraCorpus("/data/more.txt", "cd".repeat(32), 1, null, "req-1");
        run.steering().approveCorpus(corpus, 2);
        run.steering().approveCorpus(corpus, 3);

        JsonNode stored = JSON.readTree(JSON.writeValueAsString(run));
        assertThat(stored.has("steering")).isFalse();
        assertThat(stored.path("pauseRequested").asBoolean()).isTrue();
        assertThat(stored.path("vetoed").get(0).asText()).isEqualTo("v-1");
        assertThat(stored.path("populationOverride").asInt()).isEqualTo(4);
        assertThat(stored.path("agents")).hasSize(2);

        RunState read = JSON.readValue(stored.toString(), RunState.class);
        assertThat(read.steering().pauseRequested()).isTrue();
        assertThat(read.steering().vetoed("v-1")).isTrue();
        assertThat(read.population()).isEqualTo(4);
        assertThat(read.steering().dataset(CONFIG, 1).extraCorpora()).isEmpty();
        assertThat(read.steering().dataset(CONFIG, 2).extraCorpora()).containsExactly(corpus);
        assertThat(read.agents()).containsExactly(new AgentSlot("agent-1", "run-1-seed"),
                new AgentSlot("agent-2", "run-1-seed"));
    }

    @Test
    void aRunSavedByTheEarlierVersionStillReads() throws Exception {
        String saved = """
                {"runId":"run-old","config":%s,"status":"PAUSED","generation":1,
                 "agents":[{"agentId":"agent-1","variantId":"v-1"}],
                 "generations":{"0":{"number":0,"verification":false,"assignments":[],"closed":true},
                                "1":{"number":1,"verification":false,"assignments":[],"closed":true}},
                 "seedVariantId":"run-old-seed","seedSource":"class Seed {}","baselineVariantId":"run-old-g0-baseline",
                 "championVariantId":"v-1","bestValBitsPerByte":1.5,"stagnantGenerations":1,"costUsd":0.25,
                 "pauseRequested":true,"stopRequested":false,"guidance":["be bold"],"vetoed":["v-2"],
                 "promoted":["v-1"],"handledEventIds":["e-1"],"requestedChanges":{},
                 "budgetOverride":{"maxTokens":20000,"maxSeconds":2.0},"outbox":["{}"]}
                """.formatted(JSON.writeValueAsString(CONFIG));
        RunState run = JSON.readValue(saved, RunState.class);
        assertThat(run.status()).isEqualTo(RunState.Status.PAUSED);
        assertThat(run.current().number()).isEqualTo(1);
        assertThat(run.mutationGenerationsClosed()).isEqualTo(2);
        assertThat(run.championVariantId()).isEqualTo("v-1");
        assertThat(run.steering().guidance()).containsExactly("be bold");
        assertThat(run.steering().vetoed("v-2")).isTrue();
        assertThat(run.steering().promoted()).containsExactly("v-1");
        assertThat(run.children()).as("saved before offspring were counted").isEmpty();
        assertThat(run.deliveries().markHandled("e-1")).isFalse();
        assertThat(run.budget().maxTokens()).isEqualTo(20_000);
        assertThat(run.deliveries().queued()).hasSize(1);
        assertThat(run.steering().dataset(CONFIG, 5)).isEqualTo(CONFIG.dataset());
    }

    @Test
    void moreBudgetKeepsTheRunsSmokeStep() {
        RunConfig smoked = new RunConfig("test", 2, 3, CONFIG.dataset(), new TrainingBudget(10_000, 1, 5), "cpu",
                "offline", null, CONFIG.fitness(), CONFIG.selection(), 0, 0, 3, 0, 7);
        RunState run = RunState.start("run-1", smoked, "class Seed {}", Instant.EPOCH);

        ApprovedChange.parse(ai.darwin.events.hitl.ApprovalKind.MORE_BUDGET, "maxTokens=20000").orElseThrow()
                .applyTo(run);

        assertThat(run.budget()).isEqualTo(new TrainingBudget(20_000, 1, 5));
    }

    @Test
    void aGenerationOpensOnlyAfterTheOneBeforeItClosed() {
        RunState run = RunState.start("run-1", CONFIG, "", Instant.EPOCH);
        GenerationState first = generation(0);
        run.open(first);
        assertThatThrownBy(() -> run.open(generation(1))).isInstanceOf(IllegalStateException.class);
        first.close();
        assertThatThrownBy(first::close).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run.open(generation(0))).isInstanceOf(IllegalStateException.class);
        run.open(generation(1));
        assertThat(run.current().number()).isEqualTo(1);
    }

    @Test
    void aCompletedRunStaysCompletedAndARunPausesOnlyWhenAsked() {
        RunState run = RunState.start("run-1", CONFIG, "", Instant.EPOCH);
        assertThatThrownBy(() -> run.moveTo(RunState.Status.PAUSED)).isInstanceOf(IllegalStateException.class);
        run.moveTo(RunState.Status.COMPLETED);
        assertThatThrownBy(() -> run.moveTo(RunState.Status.RUNNING)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void agentsKeepTheirIdsAndThePopulationOnlyGrows() {
        RunState run = RunState.start("run-1", CONFIG, "", Instant.EPOCH);
        assertThatThrownBy(() -> run.carry(List.of(new AgentSlot("agent-2", "v"), new AgentSlot("agent-1", "w"))))
                .isInstanceOf(IllegalArgumentException.class);
        run.carry(List.of(new AgentSlot("agent-1", "v"), new AgentSlot("agent-2", "w")));
        run.carry(List.of(new AgentSlot("agent-1", "v"), new AgentSlot("agent-2", "v")));
        assertThat(run.children()).as("offspring: each carried program is a parent once more")
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("v", 3, "w", 1));
        run.steering().approvePopulation(3, run.config());
        run.steering().approvePopulation(1, run.config());
        run.fillPopulation("v");
        assertThat(run.agents()).extracting(AgentSlot::agentId).containsExactly("agent-1", "agent-2", "agent-3");
        assertThat(run.agents().get(2).variantId()).isEqualTo("v");
    }

    @Test
    void onlyARealImprovementResetsTheStagnationCount() {
        RunState run = RunState.start("run-1", CONFIG, "", Instant.EPOCH);
        run.crown("a", 2.0);
        run.crown("b", 1.99995);
        assertThat(run.stagnantGenerations()).isEqualTo(1);
        assertThat(run.championVariantId()).isEqualTo("b");
        run.crown("c", 1.9);
        assertThat(run.stagnantGenerations()).isZero();
    }

    @Test
    void pauseResumeAndStopAreEachAnnouncedOnce() {
        Steering steering = new Steering();
        assertThat(steering.requestResume()).isFalse();
        assertThat(steering.requestPause()).isTrue();
        assertThat(steering.requestPause()).isFalse();
        assertThat(steering.requestResume()).isTrue();
        assertThat(steering.requestStop()).isTrue();
        assertThat(steering.requestStop()).isFalse();
    }

    private static GenerationState generation(int number) {
        return new GenerationState(number, false, List.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    }
}
