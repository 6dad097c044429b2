package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.flagged;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A result a sanity gate held (val_bpb 0.0 from a program that read the answers, a measurement above the device's
 * peak) is reported with its gate, and never crowned: not champion, not a survivor, not a parent, not verified.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class SanityGatesTest {

    @Inject
    ChannelDriver channels;

    @Test
    void aResultBelowTheFloorIsRankedWithItsGateButNeverChampionSurvivorOrParent() {
        String run = "run-gated";
        GenerationOpened g0 = channels.start(run, 2, 0);
        List<Assignment> mutations = g0.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).toList();
        String cheat = variantId(mutations.get(0));
        String honest = variantId(mutations.get(1));
        List<String> controls = g0.assignments().stream().filter(a -> a.targetAgentId().equals("baseline"))
                .map(ScriptedEvents::variantId).toList();
        String baseline = controls.get(0);
        mutations.forEach(a -> channels.send(SelectionConsumers.VARIANTS, proposal(g0, a)));
        channels.send(SelectionConsumers.RESULTS, flagged(run, 0, cheat, 0.0, IntegrityGate.VAL_BPB_BELOW_FLOOR));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, honest, 1.9));
        controls.forEach(c -> channels.send(SelectionConsumers.RESULTS, completed(run, 0, c, 2.0)));

        GenerationClosed c0 = channels.closed(run, 0);
        // the candidates by fitness, then what is only reported: the gated result and the noise floor's controls
        assertThat(c0.ranking()).extracting(RankedVariant::variantId).startsWith(honest, baseline).contains(cheat);
        RankedVariant held = c0.ranking().stream().filter(r -> r.variantId().equals(cheat)).findFirst().orElseThrow();
        assertThat(held.rank()).isGreaterThan(2);
        assertThat(held.outcome()).isEqualTo(VariantOutcome.COMPLETED);
        assertThat(held.valBitsPerByte()).isEqualTo(0.0);
        assertThat(held.fitness()).isNull();
        assertThat(held.integrityFlags()).extracting(IntegrityFlag::gate)
                .containsExactly(IntegrityGate.VAL_BPB_BELOW_FLOOR);
        assertThat(c0.statistics().bestValBitsPerByte()).isEqualTo(1.9);
        assertThat(c0.statistics().completed()).isEqualTo(5);
        assertThat(c0.survivors()).extracting(Survivor::variantId).doesNotContain(cheat);
        assertThat(channels.state(run).championVariantId()).isEqualTo(honest);

        GenerationOpened g1 = channels.opened(run, 1);
        assertThat(g1.agents()).extracting(AgentProgram::variantId).doesNotContain(cheat);
        assertThat(g1.assignments()).extracting(Assignment::parentVariantId).doesNotContain(cheat);
    }

    @Test
    void aVerificationWithAFlaggedReTrainingIsNotVerifiedAndNamesTheGate() {
        String run = "run-gated-verdict";
        channels.trainAll(channels.start(run, 1, 0), 1.5);

        GenerationOpened verification = channels.opened(run, 1);
        // a plausible val_bpb, but the throughput behind one of the champion's re-trainings exceeds the peak
        String heldReTraining = variantId(verification.assignments().stream()
                .filter(a -> !a.targetAgentId().equals("baseline")).findFirst().orElseThrow());
        int i = 0;
        for (Assignment assignment : verification.assignments()) {
            boolean baseline = assignment.targetAgentId().equals("baseline");
            double bpb = (baseline ? 2.0 : 1.5) + 0.01 * (i++ % 3);
            channels.send(SelectionConsumers.RESULTS, variantId(assignment).equals(heldReTraining)
                    ? flagged(run, 1, heldReTraining, bpb, IntegrityGate.MFU_ABOVE_PEAK)
                    : completed(run, 1, variantId(assignment), bpb));
        }

        VerificationReport verdict = channels.closed(run, 1).verification();
        assertThat(verdict.improved()).isFalse();
        assertThat(verdict.metrics().get(0).difference().pValue()).isLessThan(verdict.alpha());
        assertThat(verdict.integrityFlags()).singleElement().satisfies(flag -> {
            assertThat(flag.gate()).isEqualTo(IntegrityGate.MFU_ABOVE_PEAK);
            assertThat(flag.detail()).contains(heldReTraining);
        });
        RunCompleted done = await().until(() -> channels.published(EventPublisher.RUNS, RunCompleted.class, run),
                l -> !l.isEmpty()).get(0);
        assertThat(done.verification()).isEqualTo(verdict);
    }
}
