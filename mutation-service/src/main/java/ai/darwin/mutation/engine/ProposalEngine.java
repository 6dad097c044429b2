package ai.darwin.mutation.engine;

import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.chunk.ChunkMutator;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.llm.CostCap;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.offline.OfflineMutatorService;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.proposal.Proposal;
import ai.darwin.mutation.proposal.UpgradeRequest;
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
 * and the run's cost cap allows), validates each attempt, sends the problems back for a bounded number of repairs,
 * and carries the parent forward when nothing valid came. An LLM that cannot answer hands over to the offline
 * mutator; every such fallback is said in the proposal's reasoning.
 */
@ApplicationScoped
public class ProposalEngine {

    private static final Logger LOG = Logger.getLogger(ProposalEngine.class);
    /** Keeps a proposal's validation errors readable; javac's first errors are the useful ones. */
    private static final int MAX_ERROR_CHARS = 4000;

    private final MutationConfig config;
    private final OfflineMutatorService offline;
    private final LlmMutator llm;
    private final ChunkMutator chunk;
    private final ProgramValidator validator;
    private final CostCap cap;

    ProposalEngine(MutationConfig config, OfflineMutatorService offline, LlmMutator llm, ChunkMutator chunk,
                   ProgramValidator validator, CostCap cap) {
        this.config = config;
        this.offline = offline;
        this.llm = llm;
        this.chunk = chunk;
        this.validator = validator;
        this.cap = cap;
    }

    public Proposal propose(MutationRequest request) {
        List<String> notes = new ArrayList<>();
        Mutator mutator = choose(request, notes);
        if (mutator != offline) {
            MutationSession session = mutator.open(request);
            try {
                return run(request, session, notes, TokenUsage.NONE);
            } catch (MutatorUnavailableException e) {
                notes.add("The " + session.info().kind() + " mutator stopped: " + e.getMessage()
                        + ". The offline mutator made this proposal instead.");
                LOG.warnf("%s: %s mutator unavailable (%s); offline mutator instead", request.variantId(),
                        session.info().kind(), e.getMessage());
                return runOffline(request, notes, session.usage());
            }
        }
        return runOffline(request, notes, TokenUsage.NONE);
    }

    /**
     * The attempts of a session opened elsewhere (a runtime repair), validated and sent back with their problems
     * like any proposal's; CARRIED_FORWARD with the request's parent source when none was valid.
     */
    public Proposal validated(MutationRequest request, MutationSession session) throws MutatorUnavailableException {
        return run(request, session, new ArrayList<>(), TokenUsage.NONE);
    }

    private Proposal runOffline(MutationRequest request, List<String> notes, TokenUsage spent) {
        try {
            return run(request, offline.open(request), notes, spent);
        } catch (MutatorUnavailableException e) {
            throw new IllegalStateException("the offline mutator is always available", e);
        }
    }

    /** The mutator the run asked for, or the offline one with the reason in the notes. */
    private Mutator choose(MutationRequest request, List<String> notes) {
        String requested = request.settings() != null ? request.settings().mutator() : config.defaultMutator();
        if ("auto".equals(requested)) {
            requested = llm.configured() ? LlmMutator.KIND : OfflineMutatorService.INFO.kind();
        }
        if (requested.equals(OfflineMutatorService.INFO.kind())) {
            return offline;
        }
        if (!requested.equals(LlmMutator.KIND) && !requested.equals(ChunkMutator.KIND)) {
            notes.add("The run asked for an unknown mutator '" + requested + "': the offline mutator made this "
                    + "proposal.");
            return offline;
        }
        if (!llm.configured()) {
            notes.add("The run asked for the " + requested + " mutator, but no LLM is configured (OPENAI_API_KEY or "
                    + "OPENAI_BASE_URL): the offline mutator made this proposal.");
            return offline;
        }
        Optional<String> capped = cap.reached(request);
        if (capped.isPresent()) {
            notes.add("No LLM call: " + capped.get() + ". The offline mutator made this proposal.");
            LOG.warnf("%s: %s; offline mutator instead", request.variantId(), capped.get());
            return offline;
        }
        return requested.equals(ChunkMutator.KIND) ? chunk : llm;
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
            problems = problems(request, attempt);
            if (problems.isEmpty()) {
                String reasoning = reasoning(notes, firstReasoning, attempt.reasoning(), n);
                return new Proposal(attempt.source(), reasoning, session.info(), plus(spent, session.usage()),
                        n == 0 ? ProposalStatus.VALID : ProposalStatus.REPAIRED, errors, List.copyOf(upgrades));
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
                plus(spent, session.usage()), ProposalStatus.CARRIED_FORWARD, errors, List.copyOf(upgrades));
    }

    private List<String> problems(MutationRequest request, Attempt attempt) {
        if (attempt.source() == null) {
            return attempt.problems().isEmpty() ? List.of("no program was produced") : attempt.problems();
        }
        if (attempt.source().strip().equals(request.parentSource().strip())) {
            return List.of("the proposal leaves the program unchanged; propose an actual change");
        }
        return validator.validate(attempt.source(), request.approvedImports());
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
