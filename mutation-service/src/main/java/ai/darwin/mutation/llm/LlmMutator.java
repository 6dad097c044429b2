package ai.darwin.mutation.llm;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.prompt.PromptBuilder;
import ai.darwin.mutation.state.CostLedger;
import ai.darwin.mutation.state.PublishedVariants;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The LLM mutator: one conversation per assignment. The first message carries both programs, the objective, the
 * budget, guidance and lessons; the answer is SEARCH/REPLACE edits or a whole program; a rejected attempt goes back
 * with its problems as the next message, so that the model repairs its own proposal. A program the same as its
 * parent or as a variant the run already has is rejected like any other problem: it would be trained for nothing.
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
    private final PublishedVariants published;

    LlmMutator(LlmClient client, PromptBuilder prompts, Pricing pricing, CostLedger ledger, CostCap cap,
               MutationConfig config, PublishedVariants published) {
        this.published = published;
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
        return open(request, prompts.mutate(request));
    }

    /**
     * A conversation that opens with {@code firstMessage} instead of the mutation prompt: a runtime repair, whose
     * request's parent is the program that failed and whose answers are checked like any proposal's.
     */
    public MutationSession open(MutationRequest request, String firstMessage) {
        return open(request, firstMessage, AnswerApplier::apply);
    }

    /**
     * A conversation whose answers {@code reader} turns into attempts (base program, answer text), each with every
     * file of its program said (so that the next edits apply to it): the hybrid
     * mutator's, whose model may also accept the optimiser's proposal instead of writing a change.
     */
    public MutationSession open(MutationRequest request, String firstMessage,
                                BiFunction<Program, String, Attempt> reader) {
        return new Session(request, firstMessage, reader);
    }

    /** A metered line to the LLM for one proposal (the chunk mutator makes its calls through it too). */
    public LlmCalls calls(MutationRequest request) {
        return new LlmCalls(client, pricing, ledger, cap, request, modelOf(request));
    }

    private final class Session implements MutationSession {

        private final LlmCalls calls;
        private final MutatorInfo info;
        private final List<ChatMessage> messages = new ArrayList<>();
        private final MutationRequest request;
        private final BiFunction<Program, String, Attempt> reader;
        private Program base;
        private Program unshownBase;

        Session(MutationRequest request, String firstMessage, BiFunction<Program, String, Attempt> reader) {
            this.request = request;
            this.reader = reader;
            this.calls = calls(request);
            this.info = new MutatorInfo(KIND, calls.model());
            this.base = request.parent();
            messages.add(ChatMessage.system(prompts.system(request)));
            messages.add(ChatMessage.user(firstMessage));
        }

        @Override
        public Attempt attempt(List<String> problems) throws MutatorUnavailableException {
            if (!problems.isEmpty()) {
                messages.add(ChatMessage.user(prompts.repair(problems, unshownBase)));
                unshownBase = null;
            }
            String content = calls.complete(messages);
            messages.add(ChatMessage.assistant(content));
            Attempt attempt = reader.apply(base, content);
            Program program = attempt.source() == null ? null : attempt.program(request.parent());
            Optional<String> duplicate = program == null ? Optional.empty()
                    : published.duplicate(request.runId(), request.parent(), program);
            if (duplicate.isPresent()) {
                // the base stays: the model's next edits apply to the program it was shown last
                return Attempt.failed(attempt.reasoning(), List.of(duplicate.get()), attempt.upgrades());
            }
            if (program != null) {
                base = program;
                unshownBase = program;
            }
            return attempt;
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
