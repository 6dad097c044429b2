package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.carriedForward;
import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.intervention;
import static ai.darwin.selection.ScriptedEvents.proposal;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.Survivor;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Selection defects found in review (issue 11, part 7), each driven through the channels. */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class SelectionDefectsTest {

    @Inject
    ChannelDriver channels;

    @Test
    void aVetoedChampionStepsDownAtTheNextClose() {
        String run = "run-veto-champion";
        GenerationOpened g0 = channels.start(run, 2, 0);
        String champion = variantId(mutations(g0).get(0));
        train(g0, List.of(1.5, 1.9));
        channels.closed(run, 0);
        assertThat(channels.state(run).championVariantId()).isEqualTo(champion);

        GenerationOpened g1 = channels.opened(run, 1);
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.VETO, champion));
        await().until(() -> channels.state(run).steering().vetoed(champion));
        train(g1, List.of(1.8, 1.85));
        channels.closed(run, 1);

        String next = channels.state(run).championVariantId();
        assertThat(next).isEqualTo(variantId(mutations(g1).get(0)));
        GenerationOpened verification = channels.opened(run, 2);
        assertThat(verification.assignments()).filteredOn(a -> !a.targetAgentId().equals("baseline"))
                .extracting(Assignment::parentVariantId).containsOnly(next);

        // vetoed while it is being verified: the verdict names it but cannot call it an improvement
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.VETO, next));
        await().until(() -> channels.state(run).championVariantId() == null);
        for (Assignment assignment : verification.assignments()) {
            channels.send(SelectionConsumers.RESULTS, completed(run, 2, variantId(assignment),
                    (assignment.targetAgentId().equals("baseline") ? 2.0 : 1.5)
                            + 0.01 * (assignment.trainingSeed() % 3)));
        }
        VerificationReport verdict = channels.closed(run, 2).verification();
        assertThat(verdict.championVariantId()).isEqualTo(next);
        assertThat(verdict.metrics().get(0).difference().pValue()).isLessThan(verdict.alpha());
        assertThat(verdict.improved()).isFalse();
        RunCompleted done = await().until(() -> channels.published(EventPublisher.RUNS, RunCompleted.class, run),
                l -> !l.isEmpty()).get(0);
        assertThat(done.championVariantId()).isNull();
    }

    @Test
    void aPromotionActsOnTheNextSelectionOnly() {
        String run = "run-promote-once";
        GenerationOpened g0 = channels.start(run, 3, 0);
        String promoted = variantId(mutations(g0).get(1));
        channels.send(SelectionConsumers.INTERVENTIONS, intervention(run, InterventionKind.PROMOTE, promoted));
        await().until(() -> channels.state(run).steering().promoted().contains(promoted));
        train(g0, List.of(1.5, 1.9));
        assertThat(channels.closed(run, 0).survivors()).extracting(Survivor::reason).contains("promoted");

        // both new programs beat the promoted one by far: nothing forces it to survive again
        train(channels.opened(run, 1), List.of(1.0, 1.1));
        assertThat(channels.closed(run, 1).survivors()).extracting(Survivor::reason).doesNotContain("promoted");
    }

    @Test
    void aCarriedForwardParentIsNeitherANewCandidateNorASecondChanceForItsProgram() {
        String run = "run-carried-forward";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment failedRepairs = mutations(g0).get(0);
        Assignment valid = mutations(g0).get(1);
        channels.send(SelectionConsumers.VARIANTS, carriedForward(g0, failedRepairs));
        channels.send(SelectionConsumers.VARIANTS, proposal(g0, valid));
        // the seed's program again, retrained: a lucky draw of the program the baseline measured at 2.0
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(failedRepairs), 1.0));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(valid), 1.9));
        controls(g0).forEach(c -> channels.send(SelectionConsumers.RESULTS, completed(run, 0, variantId(c), 2.0)));

        GenerationClosed c0 = channels.closed(run, 0);
        RankedVariant copy = c0.ranking().stream().filter(r -> r.variantId().equals(variantId(failedRepairs)))
                .findFirst().orElseThrow();
        assertThat(copy.fitness()).isNull();
        assertThat(c0.ranking().get(0).variantId()).isEqualTo(variantId(valid));
        assertThat(c0.survivors()).extracting(Survivor::variantId).doesNotContain(variantId(failedRepairs));
        assertThat(channels.state(run).championVariantId()).isEqualTo(variantId(valid));
    }

    /** Proposes the generation's mutations and trains them to these val_bpb, in order; the controls to 2.0. */
    private void train(GenerationOpened opened, List<Double> bpb) {
        List<Assignment> mutations = mutations(opened);
        for (int i = 0; i < mutations.size(); i++) {
            channels.send(SelectionConsumers.VARIANTS, proposal(opened, mutations.get(i)));
            channels.send(SelectionConsumers.RESULTS, completed(opened.runId(), opened.generation(),
                    variantId(mutations.get(i)), bpb.get(i)));
        }
        controls(opened).forEach(c -> channels.send(SelectionConsumers.RESULTS,
                completed(opened.runId(), opened.generation(), variantId(c), 2.0)));
    }

    private static List<Assignment> mutations(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).toList();
    }

    private static List<Assignment> controls(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.targetAgentId().equals("baseline")).toList();
    }
}
