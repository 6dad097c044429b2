package ai.darwin.mutation.llm;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.edit.EditApplier;
import ai.darwin.mutation.edit.EditResult;
import ai.darwin.mutation.edit.SearchReplace;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.proposal.UpgradeRequest;
import ai.darwin.mutation.prompt.PromptBuilder;
import ai.darwin.mutation.state.CostLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The LLM mutator: one conversation per assignment. The first message carries both programs, the objective, the
 * budget, guidance and lessons; the answer is SEARCH/REPLACE edits or a whole program; a rejected attempt goes back
 * with its problems as the next message, so that the model repairs its own proposal.
 */
@ApplicationScoped
public class LlmMutator implements Mutator {

    public static final String KIND = "llm";

    private final LlmClient client;
    private final PromptBuilder prompts;
    private final Pricing pricing;
    private final CostLedger ledger;
    private final CostCap cap;
    private final MutationConfig config;

    LlmMutator(LlmClient client, PromptBuilder prompts, Pricing pricing, CostLedger ledger, CostCap cap,
               MutationConfig config) {
        this.client = client;
        this.prompts = prompts;
        this.pricing = pricing;
        this.ledger = ledger;
        this.cap = cap;
        this.config = config;
    }

    public boolean configured() {
        return client.configured();
    }

    /** The model of a request's run, else the configured one. */
    public String modelOf(MutationRequest request) {
        return request.settings() != null && request.settings().model() != null
                ? request.settings().model() : config.llm().model();
    }

    @Override
    public MutationSession open(MutationRequest request) {
        return new Session(request);
    }

    /** A metered line to the LLM for one proposal (the chunk mutator makes its calls through it too). */
    public LlmCalls calls(MutationRequest request) {
        return new LlmCalls(client, pricing, ledger, cap, request, modelOf(request));
    }

    /** The well-formed upgrade requests of an answer. */
    public static List<UpgradeRequest> upgrades(LlmAnswer answer) {
        if (answer.upgradeRequests() == null) {
            return List.of();
        }
        return answer.upgradeRequests().stream().filter(Objects::nonNull)
                .filter(u -> u.kind() != null && u.detail() != null && !u.detail().isBlank())
                .map(u -> new UpgradeRequest(u.kind(), u.detail().strip(),
                        u.justification() == null ? "" : u.justification().strip()))
                .toList();
    }

    private final class Session implements MutationSession {

        private final LlmCalls calls;
        private final MutatorInfo info;
        private final List<ChatMessage> messages = new ArrayList<>();
        private String base;
        private String unshownBase;

        Session(MutationRequest request) {
            this.calls = calls(request);
            this.info = new MutatorInfo(KIND, calls.model());
            this.base = request.parentSource();
            messages.add(ChatMessage.system(prompts.system(request)));
            messages.add(ChatMessage.user(prompts.mutate(request)));
        }

        @Override
        public Attempt attempt(List<String> problems) throws MutatorUnavailableException {
            if (!problems.isEmpty()) {
                messages.add(ChatMessage.user(prompts.repair(problems, unshownBase)));
                unshownBase = null;
            }
            String content = calls.complete(messages);
            messages.add(ChatMessage.assistant(content));
            LlmAnswer answer;
            try {
                answer = AnswerParser.parse(content);
            } catch (IllegalArgumentException e) {
                return Attempt.failed("", List.of(e.getMessage()), List.of());
            }
            String reasoning = answer.reasoning() == null ? "" : answer.reasoning().strip();
            List<UpgradeRequest> upgrades = upgrades(answer);
            List<LlmAnswer.Edit> edits = answer.edits() == null ? List.of() : answer.edits();
            boolean rewrite = answer.mode() == LlmAnswer.Mode.REWRITE
                    || edits.isEmpty() && answer.program() != null && !answer.program().isBlank();
            String source;
            if (rewrite) {
                if (answer.program() == null || answer.program().isBlank()) {
                    return Attempt.failed(reasoning, List.of("mode REWRITE needs the whole program in \"program\""),
                            upgrades);
                }
                source = answer.program();
            } else {
                EditResult result = EditApplier.apply(base, edits.stream().filter(Objects::nonNull)
                        .map(e -> new SearchReplace(e.search(), e.replace())).toList());
                if (!result.applied()) {
                    return Attempt.failed(reasoning, result.errors(), upgrades);
                }
                source = result.source();
            }
            base = source;
            unshownBase = source;
            return Attempt.of(source, reasoning, upgrades);
        }

        @Override
        public TokenUsage usage() {
            return calls.usage();
        }

        @Override
        public MutatorInfo info() {
            return info;
        }
    }
}
