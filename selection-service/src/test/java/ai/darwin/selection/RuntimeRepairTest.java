package ai.darwin.selection;

import static ai.darwin.selection.ScriptedEvents.completed;
import static ai.darwin.selection.ScriptedEvents.failed;
import static ai.darwin.selection.ScriptedEvents.repair;
import static ai.darwin.selection.ScriptedEvents.variantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.messaging.SelectionConsumers;
import ai.darwin.testing.MongoServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import ai.darwin.selection.run.GenerationPlanner;
import ai.darwin.selection.run.RunCoordinator;
import ai.darwin.selection.store.SelectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Runtime repair as selection sees it: a generation whose LLM-mutated variant failed in training waits for its
 * agent's repair (the run names no runtime repairs, so each assignment gets the default one), ranks the last attempt,
 * and ignores repairs that repair nothing.
 */
@QuarkusTest
@WithTestResource(ChannelDriver.InMemoryChannels.class)
@WithTestResource(MongoServerResource.class)
class RuntimeRepairTest {

    @Inject
    ChannelDriver channels;
    @Inject
    RunCoordinator coordinator;
    @Inject
    GenerationPlanner planner;
    @Inject
    SelectionStore store;

    @Test
    void aGenerationWaitsForTheRepairOfAFailedVariantAndRanksIt() {
        String run = "run-repair-waits";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment broken = mutations(g0).get(0);
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::llmProposal);
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, variantId(broken), FailureClass.NAN_LOSS));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> channels.published(EventPublisher.GENERATIONS, GenerationClosed.class, run).isEmpty());

        String repairId = broken.assignmentId() + "-v2";
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, variantId(broken), 2));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, repairId, 1.5));

        GenerationClosed closed = channels.closed(run, 0);
        assertThat(closed.ranking()).extracting(RankedVariant::variantId)
                .contains(repairId).doesNotContain(variantId(broken));
        assertThat(closed.ranking().get(0).variantId()).isEqualTo(repairId);
        assertThat(closed.statistics().failed()).isZero();
        assertThat(closed.statistics().errorResolutionRate()).isEqualTo(1.0);
        assertThat(channels.state(run).championVariantId()).isEqualTo(repairId);
    }

    @Test
    void aRepairOfNoFailedLastAttemptIsIgnored() {
        String run = "run-repair-stray";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment broken = mutations(g0).get(0);
        Assignment fine = mutations(g0).get(1);
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::llmProposal);
        // a repair of a variant that trained, and a repair that names a variant the assignment never had
        channels.send(SelectionConsumers.VARIANTS, repair(g0, fine, variantId(fine), 2));
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, "someone-else-v", 2));
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, variantId(broken), FailureClass.RUNTIME_EXCEPTION));
        // a third attempt before the second exists repairs no last attempt either
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, broken.assignmentId() + "-v2", 3));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> channels.published(EventPublisher.GENERATIONS, GenerationClosed.class, run).isEmpty());

        // the real repair comes and fails as well; the run allows one repair, so the generation closes with it
        String repairId = broken.assignmentId() + "-v2";
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, variantId(broken), 2));
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, repairId, FailureClass.NAN_LOSS));
        GenerationClosed closed = channels.closed(run, 0);
        assertThat(closed.ranking()).extracting(RankedVariant::variantId)
                .contains(variantId(fine), repairId)
                .doesNotContain(variantId(broken), fine.assignmentId() + "-v2", broken.assignmentId() + "-v3");
        assertThat(closed.ranking()).filteredOn(r -> r.variantId().equals(repairId))
                .extracting(RankedVariant::outcome).containsExactly(VariantOutcome.FAILED);
        assertThat(closed.statistics().errorResolutionRate()).isZero();
    }

    @Test
    void aRepairThatArrivesBeforeItsFailureIsTaken() {
        String run = "run-repair-early";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment broken = mutations(g0).get(0);
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::llmProposal);
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, variantId(broken), 2));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, broken.assignmentId() + "-v2", 1.7));
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, variantId(broken), FailureClass.OUT_OF_MEMORY));

        assertThat(channels.closed(run, 0).ranking()).extracting(RankedVariant::variantId)
                .contains(broken.assignmentId() + "-v2").doesNotContain(variantId(broken));
    }

    @Test
    void theOfflineMutatorsFailureClosesTheGenerationAtOnce() {
        String run = "run-repair-offline";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment broken = mutations(g0).get(0);
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::proposal);
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, variantId(broken), FailureClass.NAN_LOSS));

        assertThat(channels.closed(run, 0).ranking()).filteredOn(r -> r.variantId().equals(variantId(broken)))
                .extracting(RankedVariant::outcome).containsExactly(VariantOutcome.FAILED);
    }

    @Test
    void aRepairDueAtTheDeadlineKeepsTheGenerationOpenWithinTheExtensionAndIsRanked() {
        String run = "run-repair-extended";
        GenerationOpened g0 = failedWithARepairDue(run);
        Assignment broken = mutations(g0).get(0);
        Instant deadline = channels.state(run).current().deadline();
        Duration extension = planner.repairExtension(channels.state(run));
        assertThat(extension).isPositive();

        coordinator.tick(true, deadline.plusSeconds(1));
        coordinator.tick(true, deadline.plus(extension));
        assertThat(channels.published(EventPublisher.GENERATIONS, GenerationClosed.class, run)).isEmpty();
        // the repair comes after the deadline, within the extension; while it trains the generation still waits
        String repairId = broken.assignmentId() + "-v2";
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, variantId(broken), 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.proposal(repairId).isPresent());
        coordinator.tick(true, deadline.plus(extension));
        assertThat(channels.published(EventPublisher.GENERATIONS, GenerationClosed.class, run)).isEmpty();
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, repairId, 1.5));

        GenerationClosed closed = channels.closed(run, 0);
        assertThat(closed.ranking()).extracting(RankedVariant::variantId)
                .contains(repairId).doesNotContain(variantId(broken));
        assertThat(closed.ranking()).filteredOn(r -> r.variantId().equals(repairId))
                .extracting(RankedVariant::outcome).containsExactly(VariantOutcome.COMPLETED);
    }

    @Test
    void pastTheExtensionTheGenerationClosesAndALateRepairIsNotRanked() {
        String run = "run-repair-too-late";
        GenerationOpened g0 = failedWithARepairDue(run);
        Assignment broken = mutations(g0).get(0);
        Instant deadline = channels.state(run).current().deadline();

        coordinator.tick(true, deadline.plus(planner.repairExtension(channels.state(run))).plusSeconds(1));
        GenerationClosed closed = channels.closed(run, 0);
        String repairId = broken.assignmentId() + "-v2";
        channels.send(SelectionConsumers.VARIANTS, repair(g0, broken, variantId(broken), 2));
        channels.send(SelectionConsumers.RESULTS, completed(run, 0, repairId, 1.5));

        assertThat(closed.ranking()).extracting(RankedVariant::variantId).doesNotContain(repairId);
        assertThat(closed.ranking()).filteredOn(r -> r.variantId().equals(variantId(broken)))
                .extracting(RankedVariant::outcome).containsExactly(VariantOutcome.FAILED);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> channels
                .published(EventPublisher.GENERATIONS, GenerationClosed.class, run).stream()
                .filter(g -> g.generation() == 0).count() == 1);
    }

    @Test
    void aStragglerWithoutARepairDueGetsNoExtension() {
        String run = "run-repair-straggler";
        GenerationOpened g0 = channels.start(run, 2, 0);
        Assignment slow = mutations(g0).get(0);
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::llmProposal);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.proposal(variantId(slow)).isPresent());

        coordinator.tick(true, channels.state(run).current().deadline().plusSeconds(1));

        assertThat(channels.closed(run, 0).ranking()).filteredOn(r -> r.variantId().equals(variantId(slow)))
                .extracting(RankedVariant::outcome).containsExactly(VariantOutcome.TIMED_OUT);
    }

    /** Generation 0 of a new run, trained but for its first mutation, which failed with a repair due. */
    private GenerationOpened failedWithARepairDue(String run) {
        GenerationOpened g0 = channels.start(run, 2, 0);
        String broken = variantId(mutations(g0).get(0));
        proposeAndTrainAllButTheFirst(g0, ScriptedEvents::llmProposal);
        channels.send(SelectionConsumers.RESULTS, failed(run, 0, broken, FailureClass.NAN_LOSS));
        await().atMost(Duration.ofSeconds(5)).until(() -> failureRead(run, broken));
        return g0;
    }

    /** Whether selection has stored the failure of a variant. */
    private boolean failureRead(String run, String variantId) {
        return store.variants(run, 0).stream().anyMatch(r -> r.proposal().variantId().equals(variantId)
                && r.result() instanceof TrainingFailed);
    }

    /** Proposes the generation's two mutations; the second and the controls train, the first has no result yet. */
    private void proposeAndTrainAllButTheFirst(GenerationOpened g0,
                                               BiFunction<GenerationOpened, Assignment, VariantProposed> propose) {
        mutations(g0).forEach(a -> channels.send(SelectionConsumers.VARIANTS, propose.apply(g0, a)));
        channels.send(SelectionConsumers.RESULTS, completed(g0.runId(), 0, variantId(mutations(g0).get(1)), 1.9));
        controls(g0).forEach(c -> channels.send(SelectionConsumers.RESULTS,
                completed(g0.runId(), 0, variantId(c), 2.0)));
    }

    private static List<Assignment> mutations(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.kind() == AssignmentKind.MUTATE).toList();
    }

    private static List<Assignment> controls(GenerationOpened opened) {
        return opened.assignments().stream().filter(a -> a.targetAgentId().equals("baseline")).toList();
    }
}
