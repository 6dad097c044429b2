package ai.darwin.mutation.repair;

import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.RuntimeRepair;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.generation.Variants;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.messaging.EventPublisher;
import ai.darwin.mutation.messaging.ProposalTraces;
import ai.darwin.mutation.messaging.StateReader;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.CostLedger;
import ai.darwin.mutation.state.Lineage;
import ai.darwin.mutation.state.OpenedGenerations;
import ai.darwin.mutation.state.PublishedVariants;
import ai.darwin.mutation.state.RunRegistry;
import ai.darwin.mutation.state.RunSettings;
import ai.darwin.mutation.work.Workers;
import ai.darwin.platform.messaging.UntilAcknowledged;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Sends a variant that failed in training back to its agent, within its generation, when {@link RuntimeRepair#due}
 * says so (selection-service applies the same rule and waits for the repair): for every due failure it publishes
 * exactly one attempt n + 1, the agent's fix or, when none is valid, the parent carried forward, so that selection
 * never waits for its deadline. A redelivered or concurrently delivered failure finds the repair published or in
 * progress and yields no second one. A failure of a generation that is no longer the run's latest is not repaired:
 * selection has closed it.
 */
@ApplicationScoped
public class RuntimeRepairs {

    private static final Logger LOG = Logger.getLogger(RuntimeRepairs.class);

    private final StateReader state;
    private final PublishedVariants published;
    private final OpenedGenerations generations;
    private final RunRegistry runs;
    private final RepairProposer proposer;
    private final EventPublisher publisher;
    private final CostLedger ledger;
    private final Approvals approvals;
    /** Repairs in progress by repair variant id. */
    private final Workers workers;
    private volatile boolean stopping;
    private final UntilAcknowledged resend = new UntilAcknowledged(Duration.ofSeconds(1), Duration.ofSeconds(30),
            () -> stopping);
    /** A repair is a proposal too: it starts the trace of its new attempt. */
    @Inject
    ProposalTraces traces;

    RuntimeRepairs(MutationConfig config, StateReader state, PublishedVariants published,
                   OpenedGenerations generations, RunRegistry runs, RepairProposer proposer, EventPublisher publisher,
                   CostLedger ledger, Approvals approvals) {
        this.state = state;
        this.approvals = approvals;
        this.published = published;
        this.generations = generations;
        this.runs = runs;
        this.proposer = proposer;
        this.publisher = publisher;
        this.ledger = ledger;
        this.workers = new Workers("repair-worker", config.concurrency());
    }

    /** @return completes once the repair is on the broker, or at once when none is due */
    public CompletionStage<Void> onFailure(TrainingFailed failure) {
        return state.ready().thenCompose(ready -> {
            Optional<VariantProposed> failed = published.variant(failure.variantId());
            int allowed = runs.settings(failure.runId()).map(RunSettings::runtimeRepairs)
                    .orElse(RuntimeRepair.DEFAULT_REPAIRS);
            if (failed.isEmpty() || !RuntimeRepair.due(failed.get(), failure, allowed)) {
                return CompletableFuture.completedFuture(null);
            }
            String repairId = RuntimeRepair.repairVariantId(failed.get());
            if (published.contains(repairId)) {
                LOG.debugf("%s already published: failure of %s redelivered", repairId, failure.variantId());
                return CompletableFuture.completedFuture(null);
            }
            Optional<GenerationOpened> generation = generations.get(failure.runId(), failure.generation());
            Optional<Assignment> assignment = generation.flatMap(g -> g.assignments().stream()
                    .filter(a -> a.assignmentId().equals(failed.get().assignmentId())).findFirst());
            if (assignment.isEmpty()) {
                LOG.infof("%s failed with %s, but generation %d of run %s is no longer open here: no repair",
                        failure.variantId(), failure.failureClass(), failure.generation(), failure.runId());
                return CompletableFuture.completedFuture(null);
            }
            return repair(generation.get(), assignment.get(), failed.get(), failure, repairId);
        });
    }

    private CompletableFuture<Void> repair(GenerationOpened generation, Assignment assignment,
                                           VariantProposed failed, TrainingFailed failure, String repairId) {
        Program parent = programOf(generation, assignment.parentVariantId(), assignment.targetAgentId());
        Program mutator = programOf(generation, null, assignment.mutatorAgentId());
        String preset = runs.settings(generation.runId()).map(RunSettings::preset).orElse(null);
        Lineage lineage = Lineage.of(assignment.parentVariantId(), published::variant);
        return workers.once(repairId, () -> traces.propose(generation, assignment, repairId,
                        () -> proposer.propose(generation, assignment, failed, failure, repairId, parent, mutator,
                                lineage)),
                proposal -> traces.publish(proposal, trace -> publish(Variants.repair(generation, assignment,
                        parent, proposal.value(), preset, failed, approvals.grantedImports(generation.runId(),
                                lineage)), trace)));
    }

    private CompletionStage<Void> publish(VariantProposed repair, Context trace) {
        return resend.send(() -> publisher.publish(repair, trace), "repair " + repair.variantId()).thenRun(() -> {
            published.add(repair);
            ledger.settle(repair.runId(), repair.variantId(), repair.usage().costUsd());
            LOG.infof("%s: attempt %d, repair of %s, %s (%d LLM calls, $%.4f)", repair.variantId(), repair.attempt(),
                    repair.repairOf(), repair.status(), repair.usage().llmCalls(), repair.usage().costUsd());
        });
    }

    /** The program of a variant the generation carries, else of the agent; "(not available)" when neither. */
    private static Program programOf(GenerationOpened generation, String variantId, String agentId) {
        return generation.agents().stream().filter(a -> a.variantId().equals(variantId)).findFirst()
                .or(() -> generation.agents().stream().filter(a -> a.agentId().equals(agentId)).findFirst())
                .map(a -> new Program(a.source(), a.filesOrNone())).orElse(Program.single("(not available)"));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        workers.stop();
    }
}
