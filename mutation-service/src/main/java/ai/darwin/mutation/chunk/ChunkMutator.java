package ai.darwin.mutation.chunk;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.llm.AnswerApplier;
import ai.darwin.mutation.llm.AnswerParser;
import ai.darwin.mutation.llm.ChatMessage;
import ai.darwin.mutation.llm.LlmAnswer;
import ai.darwin.mutation.llm.LlmCalls;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.program.TextEdit;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.proposal.MutationSession;
import ai.darwin.mutation.proposal.Mutator;
import ai.darwin.mutation.proposal.MutatorUnavailableException;
import ai.darwin.mutation.proposal.UpgradeRequest;
import ai.darwin.mutation.prompt.PromptBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DARWIN's chunk mode: the program is split into chunks (imports, fields, methods, nested types) and each chunk is
 * rewritten by the LLM with a set probability (at least one per proposal, drawn with the assignment's seed). Each
 * request carries the file's outline and the summaries of the chunks already changed, so that later chunks stay
 * consistent with earlier ones. Repairs then work on the assembled file with SEARCH/REPLACE edits.
 */
@ApplicationScoped
public class ChunkMutator implements Mutator {

    public static final String KIND = "llm-chunk";

    private final LlmMutator llm;
    private final PromptBuilder prompts;
    private final MutationConfig config;

    ChunkMutator(LlmMutator llm, PromptBuilder prompts, MutationConfig config) {
        this.llm = llm;
        this.prompts = prompts;
        this.config = config;
    }

    @Override
    public MutationSession open(MutationRequest request) {
        return new Session(request, llm.calls(request));
    }

    /** The chunks to rewrite: each with the configured probability, at least one. */
    static List<Integer> draw(int chunks, double probability, long seed) {
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            if (random.nextDouble() < probability) {
                chosen.add(i);
            }
        }
        if (chosen.isEmpty() && chunks > 0) {
            chosen.add(random.nextInt(chunks));
        }
        return chosen;
    }

    private final class Session implements MutationSession {

        private final MutationRequest request;
        private final LlmCalls calls;
        private final MutatorInfo info;
        private String base;

        Session(MutationRequest request, LlmCalls calls) {
            this.request = request;
            this.calls = calls;
            this.info = new MutatorInfo(KIND, calls.model());
            this.base = request.parentSource();
        }

        @Override
        public Attempt attempt(List<String> problems) throws MutatorUnavailableException {
            return problems.isEmpty() ? rewriteChunks() : repair(problems);
        }

        private Attempt rewriteChunks() throws MutatorUnavailableException {
            List<Chunk> chunks;
            try {
                chunks = ProgramChunks.split(request.parentSource());
            } catch (IllegalArgumentException e) {
                return Attempt.failed("", List.of(e.getMessage()), List.of());
            }
            String outline = ProgramChunks.outline(chunks);
            long seed = AssignmentSeed.of(request.assignment().trainingSeed(), request.assignment().assignmentId());
            List<String> changed = new ArrayList<>();
            List<TextEdit> edits = new ArrayList<>();
            List<UpgradeRequest> upgrades = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int index : draw(chunks.size(), config.chunk().probability(), seed)) {
                Chunk chunk = chunks.get(index);
                String content = calls.complete(List.of(ChatMessage.system(prompts.system(request)),
                        ChatMessage.user(prompts.chunk(request, outline, changed, chunk.name(), chunk.text()))));
                LlmAnswer answer;
                try {
                    answer = AnswerParser.parse(content);
                } catch (IllegalArgumentException e) {
                    problems.add(chunk.name() + ": " + e.getMessage());
                    continue;
                }
                upgrades.addAll(AnswerApplier.upgrades(answer));
                String text = answer.program();
                if (text == null || text.isBlank() || text.strip().equals(chunk.text().strip())) {
                    continue;
                }
                edits.add(new TextEdit(chunk.start(), chunk.end(), text.strip()));
                String reasoning = AnswerApplier.reasoning(answer);
                changed.add(chunk.name() + ": " + (reasoning.isEmpty() ? "rewritten" : reasoning));
            }
            String reasoning = changed.isEmpty() ? "" : "Chunks rewritten:\n- " + String.join("\n- ", changed);
            if (edits.isEmpty()) {
                problems.add("no chunk was changed");
                return Attempt.failed(reasoning, problems, upgrades);
            }
            base = TextEdit.apply(request.parentSource(), edits);
            return Attempt.of(base, reasoning, upgrades);
        }

        /** A rejected assembly is repaired as a whole file, with edits. */
        private Attempt repair(List<String> problems) throws MutatorUnavailableException {
            String content = calls.complete(List.of(ChatMessage.system(prompts.system(request)),
                    ChatMessage.user(prompts.repair(problems, base))));
            Attempt attempt = AnswerApplier.apply(base, content);
            if (attempt.source() != null) {
                base = attempt.source();
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
