package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.intervention;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.ExtraCorpus;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunOutcome;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStopped;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pause, resume, stop and veto, through SmallRye's in-memory channels. */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class RunControlsTest {

    @Inject
    ChannelDriver channels;

    @Test
    void aPausedRunOpensNoGenerationUntilResumedAndAStoppedOneCompletes() {
        String run = "run-controls";
        GenerationOpened g0 = channels.start(run, 5, 0);

        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.PAUSE, null));
        await().until(() -> !channels.published(EventPublisher.RUNS, RunPaused.class, run).isEmpty());
        channels.trainAll(g0, 1.9);
        channels.closed(run, 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> channels.published(EventPublisher.GENERATIONS, GenerationOpened.class, run).size() == 1);

        approve(run, ApprovalKind.MORE_BUDGET, "maxTokens=20000");
        approve(run, ApprovalKind.LARGER_POPULATION, "population=3");
        // approvals and interventions are different topics: let the approvals land before resuming
        await().until(() -> channels.state(run).budget().maxTokens() == 20_000
                && channels.state(run).population() == 3);
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.RESUME, null));
        GenerationOpened g1 = channels.opened(run, 1);
        assertThat(channels.published(EventPublisher.RUNS, RunResumed.class, run)).hasSize(1);
        assertThat(g1.budget().maxTokens()).isEqualTo(20_000);
        assertThat(g1.agents()).hasSize(3);
        assertThat(g1.assignments()).filteredOn(a -> a.kind() == AssignmentKind.MUTATE).hasSize(3);

        Assignment vetoed = g1.assignments().get(0);
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.VETO, variantId(vetoed)));
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.STOP, null));
        await().until(() -> !channels.published(EventPublisher.RUNS, RunStopped.class, run).isEmpty());
        channels.trainAll(g1, 1.0);

        GenerationClosed c1 = channels.closed(run, 1);
        RankedVariant last = c1.ranking().get(c1.ranking().size() - 1);
        assertThat(last.variantId()).isEqualTo(variantId(vetoed));
        assertThat(last.outcome()).isEqualTo(VariantOutcome.FAILED);
        assertThat(c1.survivors()).noneMatch(s -> s.variantId().equals(variantId(vetoed)));

        RunCompleted done = await().until(() -> channels.published(EventPublisher.RUNS, RunCompleted.class, run),
                l -> !l.isEmpty()).get(0);
        assertThat(done.outcome()).isEqualTo(RunOutcome.STOPPED);
        assertThat(done.generationsCompleted()).isEqualTo(2);
        assertThat(channels.published(EventPublisher.GENERATIONS, GenerationOpened.class, run)).hasSize(2);
    }

    @Test
    void everyIntervalTheChampionIsVerifiedAgainstTheBaselineAndTheRunGoesOn() {
        String run = "run-interval";
        channels.trainAll(channels.start(run, 2, 1), 1.5);

        GenerationOpened verification = channels.opened(run, 1);
        assertThat(verification.assignments()).hasSize(6).allMatch(a -> a.kind() == AssignmentKind.VERIFY);
        int i = 0;
        for (Assignment assignment : verification.assignments()) {
            boolean baseline = assignment.targetAgentId().equals("baseline");
            channels.send(SelectionConsumers.RESULTS, completed(run, 1, variantId(assignment),
                    (baseline ? 2.0 : 1.5) + 0.01 * (i++ % 3)));
        }
        GenerationClosed verified = channels.closed(run, 1);
        assertThat(verified.verification()).isNotNull();
        assertThat(verified.verification().improved()).isTrue();

        GenerationOpened next = channels.opened(run, 2);
        assertThat(next.assignments()).filteredOn(a -> a.kind() != AssignmentKind.MUTATE).singleElement()
                .satisfies(control -> assertThat(control.targetAgentId()).isEqualTo("baseline"));
    }

    @Test
    void anApprovedCorpusJoinsTheMixtureFromTheNextGenerationAndARefusedOneNever() {
        String run = "run-more-data";
        GenerationOpened g0 = channels.start(run, 3, 0);
        ExtraCorpus corpus = new ExtraCorpus("/data/sonnets.txt", "ab".repeat(32), 2, "agent-1", "req-data");
        channels.send(SelectionConsumers.APPROVALS, new ApprovalRequested(Envelope.of(run), "req-data",
                ApprovalKind.MORE_DATA, "agent-1", null, "/data/sonnets.txt", "more text to learn from"));
        channels.send(SelectionConsumers.APPROVALS, new ApprovalDecided(Envelope.of(run), "req-data", true, "ada",
                null, ApprovalScope.LINEAGE, corpus));
        channels.send(SelectionConsumers.APPROVALS, new ApprovalRequested(Envelope.of(run), "req-declined",
                ApprovalKind.MORE_DATA, "agent-1", null, "/data/secrets.txt", "more text"));
        channels.send(SelectionConsumers.APPROVALS, new ApprovalDecided(Envelope.of(run), "req-declined", false,
                "ada", "no"));
        await().until(() -> channels.state(run).steering().dataset(channels.state(run).config(), 1)
                .extraCorpora().size() == 1);

        channels.trainAll(g0, 1.9);
        channels.closed(run, 0);
        GenerationOpened g1 = channels.opened(run, 1);

        assertThat(g0.dataset().extraCorpora()).isEmpty();
        assertThat(g1.dataset().extraCorpora()).containsExactly(corpus);
        assertThat(g1.dataset().extrasFor("agent-1")).containsExactly(corpus);
        assertThat(g1.dataset().extrasFor("agent-0")).isEmpty();
        assertThat(g1.dataset().uri()).isEqualTo(g0.dataset().uri());
    }

    private void approve(String run, ApprovalKind kind, String detail) {
        String requestId = EventCodec.newEventId();
        channels.send(SelectionConsumers.APPROVALS, new ApprovalRequested(Envelope.of(run), requestId, kind, "agent-1",
                null, detail, "more room to learn"));
        channels.send(SelectionConsumers.APPROVALS, new ApprovalDecided(Envelope.of(run), requestId, true, "ada",
                null));
    }
}
