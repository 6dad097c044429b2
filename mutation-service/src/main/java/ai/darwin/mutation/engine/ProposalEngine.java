package ai.darwin.mutation.engine;

import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.chunk.ChunkMutator;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.hybrid.HybridMutator;
import ai.darwin.mutation.llm.CostCap;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.offline.OfflineMutatorService;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.prompt.PromptBuilder;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.proposal.UpgradeRequest;
import ai.darwin.mutation.search.OptimizerMutator;
import ai.darwin.mutation.search.ProgramFingerprint;
import ai.darwin.mutation.search.SearchHistory;
import ai.darwin.mutation.validation.ProgramValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns an assignment into a validated proposal: picks the mutator (the run's, the LLM only when one is configured
 * and the run's cost cap allows), validates each attempt (every file of it, and its layout against what a human
 * approved: {@link ai.darwin.mutation.program.Layout}), rejects a program the run already proposed (by its
 * {@link ProgramFingerprint}, whatever the mutator), sends the problems back for a bounded number of repairs, and
 * carries the parent forward when nothing valid came. An LLM that cannot answer (in the llm, llm-chunk or hybrid
 * mutator) hands over to the learning mutator ({@code optimizer}); every such fallback is said in the proposal's
 * reasoning.
 */
@ApplicationScoped
public class ProposalEngine {

    private static final Logger LOG = Logger.getLogger(ProposalEngine.class);
    /** Keeps a proposal's validation errors readable; javac's first errors are the useful ones. */
    private static final int MAX_ERROR_CHARS = 4000;

    private final MutationConfig config;
    private final OfflineMutatorService random;
    private final OptimizerMutator optimizer;
    private final SearchHistory history;
    private final LlmMutator llm;
    private final ChunkMutator chunk;
    private final HybridMutator hybrid;
    private final ProgramValidator validator;
    private final CostCap cap;
    private final PromptBuilder prompts;

    ProposalEngine(MutationConfig config, OfflineMutatorService random, OptimizerMutator optimizer,
                   SearchHistory history, LlmMutator llm, ChunkMutator chunk, HybridMutator hybrid,
                   ProgramValidator validator, CostCap cap, PromptBuilder prompts) {
        this.config = config;
        this.random = random;
        this.optimizer = optimizer;
        this.history = history;
        this.llm = llm;
        this.chunk = chunk;
        this.hybrid = hybrid;
        this.validator = validator;
        this.cap = cap;
        this.prompts = prompts;
    }

    public Proposal propose(MutationRequest request) {
        List<String> notes = new ArrayList<>();
        Mutator mutator = choose(request, notes);
        if (mutator == llm || mutator == chunk || mutator == hybrid) {
            MutationSession session = mutator.open(request);
            try {
                return run(request, session, notes, TokenUsage.NONE);
            } catch (MutatorUnavailableException e) {
                String kind = mutator == hybrid ? HybridMutator.KIND : session.info().kind();
                notes.add("The " + kind + " mutator stopped: " + e.getMessage()
                        + ". The optimizer made this proposal instead.");
                LOG.warnf("%s: %s mutator unavailable (%s); optimizer instead", request.variantId(), kind,
                        e.getMessage());
                return runWithout(request, optimizer, notes, session.usage());
            }
        }
        return runWithout(request, mutator, notes, TokenUsage.NONE);
    }

    /**
     * The attempts of a session opened elsewhere (a runtime repair), validated and sent back with their problems
     * like any proposal's; CARRIED_FORWARD with the request's parent source when none was valid.
     */
    public Proposal validated(MutationRequest request, MutationSession session) throws MutatorUnavailableException {
        return run(request, session, new ArrayList<>(), TokenUsage.NONE);
    }

    /** A mutator without an LLM, which is always available. */
    private Proposal runWithout(MutationRequest request, Mutator mutator, List<String> notes, TokenUsage spent) {
        try {
            return run(request, mutator.open(request), notes, spent);
        } catch (MutatorUnavailableException e) {
            throw new IllegalStateException("a mutator without an LLM is always available", e);
        }
    }

    /** The mutator the run asked for, or the optimizer with the reason in the notes. */
    private Mutator choose(MutationRequest request, List<String> notes) {
        String requested = request.settings() != null ? request.settings().mutator() : config.defaultMutator();
        if ("auto".equals(requested)) {
            requested = llm.configured() ? LlmMutator.KIND : OptimizerMutator.KIND;
        }
        if (requested.equals(OptimizerMutator.KIND)) {
            return optimizer;
        }
        // "offline" is what runs asked for before the optimizer existed: the same random knob draws
        if (requested.equals(OfflineMutatorService.INFO.kind()) || requested.equals(OfflineMutatorService.LEGACY_KIND)) {
            return random;
        }
        if (!requested.equals(LlmMutator.KIND) && !requested.equals(ChunkMutator.KIND)
                && !requested.equals(HybridMutator.KIND)) {
            notes.add("The run asked for an unknown mutator '" + requested + "': the optimizer made this proposal.");
            return optimizer;
        }
        if (!llm.configured()) {
            notes.add("The run asked for the " + requested + " mutator, but no LLM is configured (OPENAI_API_KEY or "
                    + "OPENAI_BASE_URL): the optimizer made this proposal.");
            return optimizer;
        }
        Optional<String> capped = cap.reached(request);
        if (capped.isPresent()) {
            notes.add("No LLM call: " + capped.get() + ". The optimizer made this proposal.");
            LOG.warnf("%s: %s; optimizer instead", request.variantId(), capped.get());
            return optimizer;
        }
        return switch (requested) {
            case ChunkMutator.KIND -> chunk;
            case HybridMutator.KIND -> hybrid;
            default -> llm;
        };
    }

    private Proposal run(MutationRequest request, MutationSession session, List<String> notes, TokenUsage spent)
            throws MutatorUnavailableException {
        List<String> errors = new ArrayList<>();
        Set<UpgradeRequest> upgrades = new LinkedHashSet<>();
        List<String> problems = List.of();
        String firstReasoning = null;
        int attempts = config.repairAttempts() + 1;
        for (int n = 0; n < attempts; n++) {
            Attempt attempt = session.attempt(problems);
            upgrades.addAll(attempt.upgrades());
            if (firstReasoning == null && !attempt.reasoning().isBlank()) {
                firstReasoning = attempt.reasoning();
            }
            Program program = attempt.source() == null ? null : attempt.program(request.parent());
            problems = problems(request, attempt, program);
            if (problems.isEmpty()) {
                problems = duplicate(request, program);
            }
            if (problems.isEmpty()) {
                String reasoning = reasoning(notes, firstReasoning, attempt.reasoning(), n);
                return new Proposal(program.entry(), reasoning, session.info(), plus(spent, session.usage()),
                        n == 0 ? ProposalStatus.VALID : ProposalStatus.REPAIRED, errors, List.copyOf(upgrades),
                        program.files(), given(request, session));
            }
            errors.add(abbreviate("attempt " + (n + 1) + ": " + String.join("\n", problems)));
            LOG.infof("%s: attempt %d of %d rejected: %s", request.variantId(), n + 1, attempts,
                    abbreviate(problems.get(0)).lines().findFirst().orElse(""));
        }
        List<String> text = new ArrayList<>(notes);
        text.add("Carried forward unchanged: the " + session.info().kind() + " mutator produced no valid program in "
                + attempts + (attempts == 1 ? " attempt" : " attempts") + " (reasons in validationErrors)."
                + (firstReasoning == null ? "" : " Its idea was: " + firstReasoning));
        return new Proposal(request.parentSource(), String.join("\n\n", text), session.info(),
                plus(spent, session.usage()), ProposalStatus.CARRIED_FORWARD, errors, List.copyOf(upgrades),
                request.parentFiles(), given(request, session));
    }

    /**
     * What the agent was given besides the programs, for the proposal event: the outcomes the optimiser fitted its
     * model to, or the lessons of the LLM's prompt (taken either way: an LLM that stopped left its prompt's).
     */
    private List<String> given(MutationRequest request, MutationSession session) {
        List<String> prompted = prompts.takeLessonsGiven(request.variantId());
        return session.info().kind().equals(OptimizerMutator.KIND) ? optimizer.given(request.runId()) : prompted;
    }

    /**
     * Why an attempt's program may not be trained: none produced, no change, a layout the agent is not approved for
     * (a file added or removed), or what the validator finds in any of its files.
     */
    private List<String> problems(MutationRequest request, Attempt attempt, Program program) {
        if (program == null) {
            return attempt.problems().isEmpty() ? List.of("no program was produced") : attempt.problems();
        }
        if (unchanged(request.parent(), program)) {
            return List.of("the proposal leaves the program unchanged; propose an actual change");
        }
        List<String> layout = request.layout().problems(request.parentFiles(), program.files());
        if (!layout.isEmpty()) {
            return layout;
        }
        return validator.validate(program, request.approvedImports());
    }

    private static boolean unchanged(Program parent, Program program) {
        return parent.entry().strip().equals(program.entry().strip()) && parent.files().equals(program.files());
    }

    /** Claims the program's fingerprint for the variant: empty, or why it is a duplicate within the run. */
    private List<String> duplicate(MutationRequest request, Program program) {
        return history.claim(request.runId(), ProgramFingerprint.of(program), request.variantId())
                .map(holder -> List.of("the program is the same as variant " + holder + ", already proposed in "
                        + "this run (comments, layout and number spelling aside): propose a different change"))
                .orElse(List.of());
    }

    private static String reasoning(List<String> notes, String first, String last, int repairs) {
        List<String> text = new ArrayList<>(notes);
        String idea = first == null ? last : first;
        text.add(idea.isBlank() ? "(the mutator gave no reasoning)" : idea);
        if (repairs > 0 && first != null && !last.isBlank() && !last.equals(first)) {
            text.add("Repaired after " + repairs + (repairs == 1 ? " rejection: " : " rejections: ") + last);
        }
        return String.join("\n\n", text);
    }

    static TokenUsage plus(TokenUsage a, TokenUsage b) {
        return new TokenUsage(a.promptTokens() + b.promptTokens(), a.completionTokens() + b.completionTokens(),
                a.llmCalls() + b.llmCalls(), a.costUsd() + b.costUsd());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 4) + " ...";
    }
}
