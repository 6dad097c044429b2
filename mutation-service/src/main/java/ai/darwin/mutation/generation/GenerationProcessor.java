package ai.darwin.mutation.generation;

import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.messaging.EventPublisher;
import ai.darwin.mutation.messaging.ProposalTraces;
import ai.darwin.mutation.messaging.StateReader;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.engine.ProposalEngine;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.CostLedger;
import ai.darwin.mutation.state.ImportRequests;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Produces a generation's proposals: one per MUTATE assignment, at most {@code darwin.mutation.concurrency} at a
 * time, each published the moment it is ready so that training starts at once. The returned stage completes when
 * every proposal is on the broker, and only then is the generation acknowledged. Variants already published (by
 * this process, or read back from the topic after a restart) are skipped, so a redelivered generation neither
 * calls the LLM again nor publishes anything twice.
 */
@ApplicationScoped
public class GenerationProcessor {

    private static final Logger LOG = Logger.getLogger(GenerationProcessor.class);

    private final ProposalEngine engine;
    private final EventPublisher publisher;
    private final RunRegistry runs;
    private final Approvals approvals;
    private final PublishedVariants published;
    private final CostLedger ledger;
    private final StateReader state;
    private final ProposalMetrics metrics;
    private final OpenedGenerations opened;
    /** Proposals in progress by variant id: a generation delivered twice at once shares them. */
    private final Workers workers;
    private volatile boolean stopping;
    /** A variant or approval request the broker refused is sent again, so the generation is never dead-lettered. */
    private final UntilAcknowledged resend = new UntilAcknowledged(Duration.ofSeconds(1), Duration.ofSeconds(30),
            () -> stopping);
    /** Each proposal starts its variant's trace. */
    @Inject
    ProposalTraces traces;

    GenerationProcessor(MutationConfig config, ProposalEngine engine, EventPublisher publisher, RunRegistry runs,
                        Approvals approvals, PublishedVariants published, CostLedger ledger, StateReader state,
                        ProposalMetrics metrics, OpenedGenerations opened) {
        this.opened = opened;
        this.engine = engine;
        this.publisher = publisher;
        this.runs = runs;
        this.approvals = approvals;
        this.published = published;
        this.ledger = ledger;
        this.state = state;
        this.metrics = metrics;
        this.workers = new Workers("mutation-worker", config.concurrency());
    }

    /** @return completes once every proposal of the generation is acknowledged by the broker */
    public CompletionStage<Void> process(GenerationOpened generation) {
        opened.add(generation);
        Map<String, AgentProgram> byVariant = generation.agents().stream()
                .collect(Collectors.toMap(AgentProgram::variantId, Function.identity(), (a, b) -> a));
        Map<String, AgentProgram> byAgent = generation.agents().stream()
                .collect(Collectors.toMap(AgentProgram::agentId, Function.identity(), (a, b) -> a));
        List<Assignment> mutations = generation.assignments().stream()
                .filter(a -> a.kind() == AssignmentKind.MUTATE).toList();
        for (Assignment assignment : mutations) {
            if (!byVariant.containsKey(assignment.parentVariantId()) && !byAgent.containsKey(assignment.targetAgentId())) {
                throw new IllegalArgumentException("assignment " + assignment.assignmentId() + ": generation "
                        + generation.generation() + " carries no program for parent " + assignment.parentVariantId());
            }
        }
        return state.ready().thenCompose(ready -> {
            List<CompletableFuture<Void>> proposals = new ArrayList<>();
            for (Assignment assignment : mutations) {
                String variantId = Variants.variantIdOf(assignment);
                if (published.contains(variantId)) {
                    LOG.debugf("%s already published: skipped", variantId);
                    continue;
                }
                AgentProgram parent = byVariant.getOrDefault(assignment.parentVariantId(),
                        byAgent.get(assignment.targetAgentId()));
                AgentProgram mutator = byAgent.get(assignment.mutatorAgentId());
                proposals.add(proposal(generation, assignment, new Program(parent.source(), parent.filesOrNone()),
                        mutator == null ? Program.single("(not available)")
                                : new Program(mutator.source(), mutator.filesOrNone())));
            }
            LOG.infof("generation %d of run %s: %d proposals to make, %d already published", generation.generation(),
                    generation.runId(), proposals.size(), mutations.size() - proposals.size());
            return CompletableFuture.allOf(proposals.toArray(CompletableFuture[]::new));
        });
    }

    private CompletableFuture<Void> proposal(GenerationOpened generation, Assignment assignment, Program parent,
                                             Program mutator) {
        String variantId = Variants.variantIdOf(assignment);
        return workers.once(variantId,
                () -> traces.propose(generation, assignment, variantId,
                        () -> propose(generation, assignment, parent, mutator)),
                proposal -> traces.publish(proposal,
                        trace -> publish(generation, assignment, parent, proposal.value(), trace)));
    }

    /** The layout is read as the proposal starts: a NEW_FILE or RESTRUCTURE approved before then takes effect. */
    private Proposal propose(GenerationOpened generation, Assignment assignment, Program parent, Program mutator) {
        String runId = generation.runId();
        MutationRequest request = new MutationRequest(generation, assignment, Variants.variantIdOf(assignment),
                parent.entry(), mutator.entry(), runs.settings(runId).orElse(null),
                approvals.approvedImports(runId, lineage(assignment)), approvals.entries(runId), parent.files(),
                mutator.files(), approvals.layout(runId, assignment.targetAgentId()));
        try {
            return engine.propose(request);
        } catch (RuntimeException e) {
            // a bug or a broken compiler must not hold up the whole generation: the parent trains instead
            LOG.errorf(e, "%s: proposal failed", request.variantId());
            return new Proposal(parent.entry(), "Carried forward unchanged: mutation-service failed on this "
                    + "assignment (" + e + ").", new MutatorInfo("offline", null), TokenUsage.NONE, ProposalStatus.CARRIED_FORWARD,
                    List.of("internal error: " + e), List.of(), parent.files());
        }
    }

    /** The new program's ancestry, for the NEW_IMPORT grants of its lineage. */
    private Lineage lineage(Assignment assignment) {
        return Lineage.of(assignment.parentVariantId(), published::variant);
    }

    /** Approval requests first: once the variant is published, a redelivery skips the assignment altogether. */
    private CompletionStage<Void> publish(GenerationOpened generation, Assignment assignment, Program parent,
                                          Proposal proposal, Context trace) {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < proposal.upgrades().size(); i++) {
            ApprovalRequested request = Variants.upgradeRequested(generation, assignment, i, proposal.upgrades().get(i));
            if (approvals.register(request)) {
                // what can never be granted is declined as it is asked, after the request on the same key
                Optional<ApprovalDecided> declined = ImportRequests.declineIfNeverGranted(request);
                declined.ifPresent(approvals::onDecided);
                requests.add(resend.send(() -> publisher.publish(request, trace), "approval request "
                        + request.requestId()).thenCompose(sent -> declined.isEmpty() ? CompletableFuture
                        .completedFuture(null) : resend.send(() -> publisher.publish(declined.get()),
                        "automatic refusal of " + request.requestId())).toCompletableFuture());
            }
        }
        VariantProposed variant = Variants.proposed(generation, assignment, parent, proposal,
                runs.settings(generation.runId()).map(RunSettings::preset).orElse(null),
                approvals.grantedImports(generation.runId(), lineage(assignment)));
        return CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new))
                .thenCompose(sent -> resend.send(() -> publisher.publish(variant, trace), "variant " + variant.variantId()))
                .thenRun(() -> {
                    published.add(variant);
                    ledger.settle(variant.runId(), variant.variantId(), variant.usage().costUsd());
                    metrics.published(variant);
                    LOG.infof("%s %s by %s%s (%d LLM calls, $%.4f)%s", variant.variantId(), variant.status(),
                            variant.mutator().kind(), variant.mutator().model() == null ? ""
                                    : "/" + variant.mutator().model(), variant.usage().llmCalls(),
                            variant.usage().costUsd(), requests.isEmpty() ? ""
                                    : ", " + requests.size() + " upgrade request(s)");
                });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        workers.stop();
    }
}
