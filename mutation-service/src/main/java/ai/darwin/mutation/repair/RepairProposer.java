package ai.darwin.mutation.repair;

import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.engine.ProposalEngine;
import ai.darwin.mutation.llm.CostCap;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.prompt.PromptBuilder;
import ai.darwin.mutation.state.Approvals;
import ai.darwin.mutation.state.Lineage;
import ai.darwin.mutation.state.RunRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The program of a runtime repair: the LLM gets the failed program with its failure's class and the bounded tail of
 * its output (through the repair prompt), and its answers are validated and sent back with their problems like any
 * proposal's. When nothing valid comes (or no LLM call may be made), the assignment's parent is carried forward, so
 * that a repair is always published.
 */
@ApplicationScoped
class RepairProposer {

    private static final Logger LOG = Logger.getLogger(RepairProposer.class);

    private final LlmMutator llm;
    private final ProposalEngine engine;
    private final PromptBuilder prompts;
    private final CostCap cap;
    private final RunRegistry runs;
    private final Approvals approvals;

    RepairProposer(LlmMutator llm, ProposalEngine engine, PromptBuilder prompts, CostCap cap, RunRegistry runs,
                   Approvals approvals) {
        this.llm = llm;
        this.engine = engine;
        this.prompts = prompts;
        this.cap = cap;
        this.runs = runs;
        this.approvals = approvals;
    }

    Proposal propose(GenerationOpened generation, Assignment assignment, VariantProposed failed,
                     TrainingFailed failure, String repairId, Program parent, Program mutator, Lineage lineage) {
        String runId = generation.runId();
        // the program to fix is the one that failed: the request's "parent", which an answer must change; its
        // layout is the failed program's, and a fix may add or remove files only as the agent is approved to
        MutationRequest request = new MutationRequest(generation, assignment, repairId, failed.source(),
                mutator.entry(), runs.settings(runId).orElse(null), approvals.approvedImports(runId, lineage),
                approvals.entries(runId), ProgramFiles.orNone(failed.files()), mutator.files(),
                approvals.layout(runId, assignment.targetAgentId()));
        MutatorInfo info = new MutatorInfo(LlmMutator.KIND, llm.modelOf(request));
        if (!llm.configured()) {
            return carried(parent, info, TokenUsage.NONE, "no LLM is configured any more");
        }
        Optional<String> capped = cap.reached(request);
        if (capped.isPresent()) {
            return carried(parent, info, TokenUsage.NONE, capped.get());
        }
        MutationSession session = null;
        try {
            session = llm.open(request, prompts.runtimeRepair(request, failure, failed.attemptNumber() + 1));
            Proposal proposal = engine.validated(request, session);
            if (proposal.status() != ProposalStatus.CARRIED_FORWARD) {
                return proposal;
            }
            // no valid fix: the parent, not the program that failed, trains in its place
            return new Proposal(parent.entry(), proposal.reasoning(), proposal.mutator(), proposal.usage(),
                    ProposalStatus.CARRIED_FORWARD, proposal.validationErrors(), proposal.upgrades(), parent.files(),
                    proposal.lessons());
        } catch (MutatorUnavailableException e) {
            return carried(parent, info, session == null ? TokenUsage.NONE : session.usage(),
                    "the LLM stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: runtime repair failed", repairId);
            return carried(parent, info, session == null ? TokenUsage.NONE : session.usage(),
                    "mutation-service failed on this repair (" + e + ")");
        }
    }

    private static Proposal carried(Program parent, MutatorInfo info, TokenUsage usage, String why) {
        return new Proposal(parent.entry(), "Carried forward unchanged instead of a runtime repair: " + why + ".",
                info, usage, ProposalStatus.CARRIED_FORWARD, List.of(), List.of(), parent.files());
    }
}
