package ai.darwin.mutation.hybrid;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.llm.AnswerApplier;
import ai.darwin.mutation.llm.AnswerParser;
import ai.darwin.mutation.llm.LlmAnswer;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.program.UnifiedDiff;
import ai.darwin.mutation.prompt.PromptBuilder;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.search.OptimizerMutator;
import ai.darwin.mutation.search.ProgramFingerprint;
import ai.darwin.mutation.search.SearchHistory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The hybrid mutator ({@code hybrid}, after Ferreira et al.: on a fixed space of knobs TPE beat LLM agents, and an
 * optimiser that proposes every trial with an LLM that overrides some did best). The learning mutator proposes;
 * the LLM sees that proposal (the knob, from → to, the model's expected improvement, the diff) below the usual
 * mutation prompt with every outcome, and either accepts it or replaces it with a change of its own.
 *
 * <p>Who made the program is said on the event without a new field: {@link MutatorInfo#kind()} is
 * {@code optimizer} for an accepted proposal and {@code llm} for an override, the model is the LLM that decided,
 * and the reasoning opens with "Hybrid:" and the decision. So an override that fails in training gets the LLM's
 * runtime repair, like any LLM change, and an accepted knob change does not, like any optimiser change. Both kinds
 * of outcome reach the optimiser the same way, as variants of the run with their measured Δ ({@link SearchHistory}).
 *
 * <p>The optimiser claims its proposal's fingerprint as it proposes (so that proposals made at the same time
 * differ); an override gives it back, so that the model's best candidate is not lost to the run.
 */
@ApplicationScoped
public class HybridMutator implements Mutator {

    public static final String KIND = "hybrid";
    /** The first line of every hybrid proposal's reasoning when the LLM took the optimiser's proposal. */
    public static final String ACCEPTED = "Hybrid: the optimiser's proposal, accepted by the LLM.";
    /** ... and when it replaced it with its own change. */
    public static final String OVERRIDDEN = "Hybrid: the LLM replaced the optimiser's proposal with its own change.";

    private final OptimizerMutator optimizer;
    private final LlmMutator llm;
    private final PromptBuilder prompts;
    private final SearchHistory history;

    HybridMutator(OptimizerMutator optimizer, LlmMutator llm, PromptBuilder prompts, SearchHistory history) {
        this.optimizer = optimizer;
        this.llm = llm;
        this.prompts = prompts;
        this.history = history;
    }

    @Override
    public MutationSession open(MutationRequest request) {
        return new Session(request);
    }

    private final class Session implements MutationSession {

        private final MutationRequest request;
        private Attempt proposal;
        private MutationSession conversation;
        private boolean accepted;

        Session(MutationRequest request) {
            this.request = request;
        }

        @Override
        public Attempt attempt(List<String> problems) throws MutatorUnavailableException {
            if (conversation == null) {
                proposal = optimizer.open(request).attempt(List.of());
                // the optimiser changes only the entry file, where its knobs are
                String diff = proposal.source() == null ? ""
                        : UnifiedDiff.of(request.parentSource(), proposal.source(), Program.ENTRY);
                String shown = proposal.source() == null
                        ? "(none: " + String.join("; ", proposal.problems()) + ")" : proposal.reasoning();
                conversation = llm.open(request, prompts.hybrid(request, shown, diff), this::read);
            }
            accepted = false;
            // when the LLM cannot answer, the optimiser that takes over finds this variant's claim: same program
            Attempt attempt = conversation.attempt(problems);
            if (!accepted) {
                release();
            }
            return attempt;
        }

        /** An answer: ACCEPT takes the optimiser's proposal; anything else is the LLM's own change. */
        private Attempt read(Program base, String content) {
            LlmAnswer answer;
            try {
                answer = AnswerParser.parse(content);
            } catch (IllegalArgumentException e) {
                return Attempt.failed("", List.of(e.getMessage()), List.of());
            }
            boolean changes = (answer.edits() != null && !answer.edits().isEmpty())
                    || (answer.program() != null && !answer.program().isBlank());
            String reasoning = AnswerApplier.reasoning(answer);
            if (answer.mode() != LlmAnswer.Mode.ACCEPT || changes) {
                Attempt own = AnswerApplier.apply(base, answer);
                return new Attempt(own.source(), OVERRIDDEN + "\nLLM: " + own.reasoning() + "\nThe optimiser had "
                        + "proposed: " + firstLine(proposal), own.problems(), own.upgrades(), own.files());
            }
            if (proposal.source() == null) {
                return Attempt.failed(reasoning, List.of("there is no optimiser proposal to accept this time: "
                        + "propose a change of your own with mode EDITS or REWRITE"), AnswerApplier.upgrades(answer));
            }
            Optional<String> holder = history.claim(request.runId(), ProgramFingerprint.of(proposal.source()),
                    request.variantId());
            if (holder.isPresent()) {
                return Attempt.failed(reasoning, List.of("the optimiser's proposal was meanwhile proposed by variant "
                        + holder.get() + ": propose a change of your own"), AnswerApplier.upgrades(answer));
            }
            accepted = true;
            return Attempt.of(proposal.source(), ACCEPTED + "\nOptimiser: " + proposal.reasoning() + "\nLLM: "
                    + (reasoning.isEmpty() ? "(no reason given)" : reasoning), AnswerApplier.upgrades(answer));
        }

        private void release() {
            if (proposal != null && proposal.source() != null) {
                history.release(request.runId(), ProgramFingerprint.of(proposal.source()), request.variantId());
            }
        }

        @Override
        public TokenUsage usage() {
            return conversation == null ? TokenUsage.NONE : conversation.usage();
        }

        @Override
        public MutatorInfo info() {
            String model = conversation == null ? llm.modelOf(request) : conversation.info().model();
            return new MutatorInfo(accepted ? OptimizerMutator.KIND : LlmMutator.KIND, model);
        }
    }

    private static String firstLine(Attempt proposal) {
        return proposal.source() == null ? "nothing" : proposal.reasoning().lines().findFirst().orElse("a change");
    }
}
