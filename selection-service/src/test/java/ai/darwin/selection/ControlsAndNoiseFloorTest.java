package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every generation trains a control, the unmodified seed program with its candidates' training seed, sent out among
 * the mutations; generation 0 trains it with more seeds, and their spread is the run's noise floor; each candidate's
 * summary is its difference from its own generation's control, and differences within the floor are ties.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class ControlsAndNoiseFloorTest {

    @Inject
    ChannelDriver channels;

    @Test
    void eachGenerationsControlSharesItsCandidatesSeedAndGoesOutAmongTheMutations() {
        String run = "run-controls-seed";
        GenerationOpened g0 = channels.start(run, 3, 0);
        List<Assignment> mutations = kind(g0, AssignmentKind.MUTATE);
        List<Assignment> controls = controls(g0);
        assertThat(controls).extracting(Assignment::assignmentId).containsExactly(run + "-g0-baseline",
                run + "-g0-control-s8", run + "-g0-control-s9");
        assertThat(controls).extracting(Assignment::trainingSeed).containsExactly(7L, 8L, 9L);
        // the baseline is a candidate too; the other controls are re-trainings for statistics, off leaderboards
        assertThat(controls).extracting(Assignment::kind).containsExactly(AssignmentKind.BASELINE,
                AssignmentKind.VERIFY, AssignmentKind.VERIFY);
        assertThat(mutations).extracting(Assignment::trainingSeed).containsOnly(7L);
        // held back while the mutators work: none went out with the generation's opening
        assertThat(variants(run)).isEmpty();

        channels.send(SelectionConsumers.VARIANTS, proposal(g0, mutations.get(0)));
        await().until(() -> variants(run).size() == 2);
        channels.send(SelectionConsumers.VARIANTS, proposal(g0, mutations.get(1)));
        await().until(() -> variants(run).size() == 3);
        assertThat(variants(run)).extracting(VariantProposed::variantId)
                .containsExactly(run + "-g0-baseline", run + "-g0-control-s8", run + "-g0-control-s9");
        assertThat(variants(run)).allMatch(v -> v.targetAgentId().equals("baseline") && "cpu".equals(v.preset()));
        assertThat(variants(run)).extracting(VariantProposed::trainingSeed).containsExactly(7L, 8L, 9L);

        trainResults(g0, List.of(1.90, 1.99), List.of(2.00, 2.02, 2.04));
        GenerationOpened g1 = channels.opened(run, 1);
        List<Assignment> control = controls(g1);
        assertThat(control).singleElement().satisfies(c -> {
            assertThat(c.assignmentId()).isEqualTo(run + "-g1-control");
            assertThat(c.trainingSeed()).isEqualTo(7L);
            assertThat(c.kind()).isEqualTo(AssignmentKind.VERIFY);
            assertThat(c.parentVariantId()).isEqualTo(run + "-seed");
        });
        assertThat(kind(g1, AssignmentKind.MUTATE)).extracting(Assignment::trainingSeed).containsOnly(7L);
    }

    @Test
    void summariesShowEachCandidateAgainstItsGenerationsControlWithinTheRunsNoiseFloor() {
        String run = "run-noise-floor";
        GenerationOpened g0 = channels.start(run, 3, 0);
        List<Assignment> m0 = kind(g0, AssignmentKind.MUTATE);
        proposeAll(g0);
        trainResults(g0, List.of(1.90, 1.99), List.of(2.00, 2.02, 2.04));

        GenerationClosed c0 = channels.closed(run, 0);
        assertThat(c0.noiseFloor().seeds()).isEqualTo(3);
        assertThat(c0.noiseFloor().valBitsPerByte()).isCloseTo(0.04, within(1e-9));
        assertThat(c0.controlVariantId()).isEqualTo(run + "-g0-baseline");
        RankedVariant clear = entry(c0, variantId(m0.get(0)));
        RankedVariant tie = entry(c0, variantId(m0.get(1)));
        assertThat(clear.versusControl().valBitsPerByte()).isCloseTo(-0.10, within(1e-9));
        assertThat(clear.versusControl().withinNoise()).isFalse();
        assertThat(tie.versusControl().valBitsPerByte()).isCloseTo(-0.01, within(1e-9));
        assertThat(tie.versusControl().withinNoise()).isTrue();
        assertThat(entry(c0, run + "-g0-baseline").versusControl()).isNull();
        // the noise floor's extra seeds are measurements, not candidates
        assertThat(entry(c0, run + "-g0-control-s8").fitness()).isNull();
        assertThat(c0.survivors()).extracting(Survivor::variantId).doesNotContain(run + "-g0-control-s8",
                run + "-g0-control-s9");

        // generation 1 trains on a busier machine: its own control says by how much, and the floor still holds
        GenerationOpened g1 = channels.opened(run, 1);
        List<Assignment> m1 = kind(g1, AssignmentKind.MUTATE);
        proposeAll(g1);
        trainResults(g1, List.of(1.85, 2.20), List.of(2.10));

        GenerationClosed c1 = channels.closed(run, 1);
        assertThat(c1.controlVariantId()).isEqualTo(run + "-g1-control");
        assertThat(c1.noiseFloor()).isEqualTo(c0.noiseFloor());
        assertThat(entry(c1, variantId(m1.get(0))).versusControl().valBitsPerByte()).isCloseTo(-0.25, within(1e-9));
        assertThat(entry(c1, variantId(m1.get(1))).versusControl().valBitsPerByte()).isCloseTo(0.10, within(1e-9));
        RankedVariant control = entry(c1, run + "-g1-control");
        assertThat(control.fitness()).isNull();
        assertThat(control.valBitsPerByte()).isEqualTo(2.10);
        assertThat(c1.survivors()).extracting(Survivor::variantId).doesNotContain(run + "-g1-control");
        assertThat(channels.state(run).championVariantId()).isEqualTo(variantId(m1.get(0)));
    }

    @Test
    void withinTheNoiseFloorMfuDecidesAndThroughputIsComparedOnTheSameDeviceOnly() {
        // 0.005 bpb apart, within the floor of 0.04: the one with the higher MFU is the better program...
        String sameDevice = "run-mfu-decides-cpu";
        List<Assignment> cpu = tieWithinTheFloor(sameDevice, "cpu");
        assertThat(channels.closed(sameDevice, 0).ranking().get(0).variantId()).isEqualTo(variantId(cpu.get(1)));
        assertThat(channels.state(sameDevice).championVariantId()).isEqualTo(variantId(cpu.get(1)));

        // ...but on different devices MFU cannot decide the tie; then the lower val_bpb ranks first
        String run = "run-mfu-decides";
        List<Assignment> mixed = tieWithinTheFloor(run, "NVIDIA H100");
        GenerationClosed c0 = channels.closed(run, 0);
        assertThat(c0.ranking().get(0).variantId()).isEqualTo(variantId(mixed.get(0)));
        assertThat(entry(c0, variantId(mixed.get(0))).versusControl().tokensPerSecond()).isEqualTo(0.0);
        assertThat(entry(c0, variantId(mixed.get(1))).versusControl().tokensPerSecond()).isNull();
        assertThat(entry(c0, variantId(mixed.get(1))).versusControl().mfu()).isNull();
    }

    /**
     * Generation 0 of a new run: a mutation at val_bpb 1.900 with MFU 0.10 on the CPU, another at 1.905 with MFU 0.30
     * on {@code secondDevice}, and controls whose spread makes a noise floor of 0.04.
     */
    private List<Assignment> tieWithinTheFloor(String run, String secondDevice) {
        GenerationOpened g0 = channels.start(run, 3, 0);
        List<Assignment> mutations = kind(g0, AssignmentKind.MUTATE);
        proposeAll(g0);
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(mutations.get(0)), 1.900, 0.10, 9_000,
                "cpu"));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(mutations.get(1)), 1.905, 0.30, 9_000,
                secondDevice));
        List<Double> controls = List.of(2.00, 2.02, 2.04);
        for (int i = 0; i < controls.size(); i++) {
            channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(controls(g0).get(i)),
                    controls.get(i)));
        }
        return mutations;
    }

    private void proposeAll(GenerationOpened opened) {
        kind(opened, AssignmentKind.MUTATE).forEach(a -> channels.send(SelectionConsumers.VARIANTS,
                proposal(opened, a)));
    }

    /** The mutations' and then the controls' results, in assignment order. */
    private void trainResults(GenerationOpened opened, List<Double> mutations, List<Double> controls) {
        List<Assignment> m = kind(opened, AssignmentKind.MUTATE);
        List<Assignment> c = controls(opened);
        for (int i = 0; i < m.size(); i++) {
            channels.send(SelectionConsumers.RESULTS, completed(opened.runId(), opened.generation(),
                    variantId(m.get(i)), mutations.get(i)));
        }
        for (int i = 0; i < c.size(); i++) {
            channels.send(SelectionConsumers.RESULTS, completed(opened.runId(), opened.generation(),
                    variantId(c.get(i)), controls.get(i)));
        }
    }

    private List<VariantProposed> variants(String run) {
        return channels.published(EventPublisher.VARIANTS, VariantProposed.class, run);
    }

    private static List<Assignment> kind(GenerationOpened opened, AssignmentKind kind) {
        return opened.assignments().stream().filter(a -> a.kind() == kind).toList();
    }

    private static List<Assignment> controls(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.targetAgentId().equals("baseline")).toList();
    }

    private static RankedVariant entry(GenerationClosed closed, String variantId) {
        return closed.ranking().stream().filter(r -> r.variantId().equals(variantId)).findFirst().orElseThrow();
    }
}
