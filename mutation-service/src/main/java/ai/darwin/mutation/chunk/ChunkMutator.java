package ai.darwin.mutation.chunk;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.llm.AnswerApplier;
import ai.darwin.mutation.llm.AnswerParser;
import ai.darwin.mutation.llm.ChatMessage;
import ai.darwin.mutation.llm.LlmAnswer;
import ai.darwin.mutation.llm.LlmCalls;
import ai.darwin.mutation.llm.LlmMutator;
import ai.darwin.mutation.program.AssignmentSeed;
import ai.darwin.mutation.program.Program;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * DARWIN's chunk mode: the program is split into chunks (runs of fields, constructors and methods, those of nested
 * types included) and each chunk is rewritten by the LLM with a set probability (at least one per proposal, drawn with
 * the assignment's seed). The imports are frozen: never drawn, and a repair that changes them is rejected unless a
 * human approved the new import. Each request carries the program's globals (its top-level fields), the file's
 * outline with the first sentence of each chunk's comment, and the summaries of the chunks already changed, so that
 * later chunks stay consistent with earlier ones. Repairs then work on the assembled file with SEARCH/REPLACE edits.
 * A program of several files is chunked file by file: every file's chunks can be drawn (named after their file), each
 * file's imports are frozen, and the globals are every file's top-level fields.
 */
@ApplicationScoped
public class ChunkMutator implements Mutator {

    public static final String KIND = "llm-chunk";
    /** The name of the imports' chunk, which chunk mode never rewrites. */
    static final String IMPORTS = "imports";

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

    /** {@link #importsChanged(MutationRequest, Program)} of a single-file program. */
    static List<String> importsChanged(MutationRequest request, String source) {
        return importsChanged(request, request.parent().withEntry(source));
    }

    /**
     * Why a program breaks chunk mode's frozen imports: in a file the parent has, an import added that no human
     * approved for the run, or one removed; empty when every file keeps them (or does not parse: validation says
     * why). A file the program adds, as its layout allows, has no imports to keep.
     */
    static List<String> importsChanged(MutationRequest request, Program program) {
        List<String> problems = new ArrayList<>();
        for (ProgramFile file : request.parent().all()) {
            Optional<String> now = program.source(file.path());
            if (now.isEmpty()) {
                continue;
            }
            List<String> before = ProgramChunks.imports(file.source());
            List<String> after;
            try {
                after = ProgramChunks.imports(now.get());
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<String> added = after.stream().filter(i -> !before.contains(i) && request.approvedImports().stream()
                    .noneMatch(a -> i.equals(a) || i.startsWith(a))).toList();
            List<String> removed = before.stream().filter(i -> !after.contains(i)).toList();
            if (!added.isEmpty() || !removed.isEmpty()) {
                String in = program.files().isEmpty() && request.parentFiles().isEmpty() ? "" : "in " + file.path()
                        + ": ";
                problems.add(in + "chunk mode keeps the imports as they are" + (added.isEmpty() ? "" : "; added: "
                        + String.join(", ", added)) + (removed.isEmpty() ? "" : "; removed: "
                        + String.join(", ", removed)) + ". Use fully qualified names, or ask for a new import in "
                        + "upgradeRequests (NEW_IMPORT).");
            }
        }
        return problems;
    }

    /** A chunk of one of the program's files. */
    private record Piece(String path, Chunk chunk, boolean named) {

        /** The chunk's name, after its file's path when the program has several files. */
        String name() {
            return named ? path + ": " + chunk.name() : chunk.name();
        }

        String outline() {
            String line = chunk.name().equals(IMPORTS) ? chunk.outline() + " (frozen: ask for a new import in "
                    + "upgradeRequests)" : chunk.outline();
            return named ? path + ": " + line : line;
        }
    }

    private final class Session implements MutationSession {

        private final MutationRequest request;
        private final LlmCalls calls;
        private final MutatorInfo info;
        private Program base;

        Session(MutationRequest request, LlmCalls calls) {
            this.request = request;
            this.calls = calls;
            this.info = new MutatorInfo(KIND, calls.model());
            this.base = request.parent();
        }

        @Override
        public Attempt attempt(List<String> problems) throws MutatorUnavailableException {
            return problems.isEmpty() ? rewriteChunks() : repair(problems);
        }

        /** The chunks of every file, the entry file's first; each file's imports are never drawn. */
        private Attempt rewriteChunks() throws MutatorUnavailableException {
            Program parent = request.parent();
            boolean several = !parent.files().isEmpty();
            List<Piece> pieces = new ArrayList<>();
            List<String> globals = new ArrayList<>();
            for (ProgramFile file : parent.all()) {
                List<Chunk> chunks;
                try {
                    chunks = ProgramChunks.split(file.source());
                } catch (IllegalArgumentException e) {
                    return Attempt.failed("", List.of((several ? "in " + file.path() + ": " : "") + e.getMessage()),
                            List.of());
                }
                chunks.forEach(c -> pieces.add(new Piece(file.path(), c, several)));
                String fields = ProgramChunks.globals(chunks);
                if (!fields.isBlank()) {
                    globals.add(several ? "// " + file.path() + "\n" + fields : fields);
                }
            }
            List<String> outline = pieces.stream().map(Piece::outline).toList();
            List<Piece> drawable = pieces.stream().filter(p -> !p.chunk().name().equals(IMPORTS)).toList();
            long seed = AssignmentSeed.of(request.assignment().trainingSeed(), request.assignment().assignmentId());
            List<String> changed = new ArrayList<>();
            Map<String, List<TextEdit>> edits = new LinkedHashMap<>();
            List<UpgradeRequest> upgrades = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int index : draw(drawable.size(), config.chunk().probability(), seed)) {
                Piece piece = drawable.get(index);
                Chunk chunk = piece.chunk();
                String content = calls.complete(List.of(ChatMessage.system(prompts.system(request)),
                        ChatMessage.user(prompts.chunk(request, outline, String.join("\n\n", globals), changed,
                                piece.name(), chunk.text()))));
                LlmAnswer answer;
                try {
                    answer = AnswerParser.parse(content);
                } catch (IllegalArgumentException e) {
                    problems.add(piece.name() + ": " + e.getMessage());
                    continue;
                }
                upgrades.addAll(AnswerApplier.upgrades(answer));
                String text = answer.program();
                if (text == null || text.isBlank() || text.strip().equals(chunk.text().strip())) {
                    continue;
                }
                edits.computeIfAbsent(piece.path(), p -> new ArrayList<>())
                        .add(new TextEdit(chunk.start(), chunk.end(), text.strip()));
                String reasoning = AnswerApplier.reasoning(answer);
                changed.add(piece.name() + ": " + (reasoning.isEmpty() ? "rewritten" : reasoning));
            }
            String reasoning = changed.isEmpty() ? "" : "Chunks rewritten:\n- " + String.join("\n- ", changed);
            if (edits.isEmpty()) {
                problems.add("no chunk was changed");
                return Attempt.failed(reasoning, problems, upgrades);
            }
            Program assembled = parent;
            for (Map.Entry<String, List<TextEdit>> file : edits.entrySet()) {
                assembled = assembled.with(file.getKey(), TextEdit.apply(parent.source(file.getKey()).orElseThrow(),
                        file.getValue()));
            }
            base = assembled;
            return Attempt.of(base, reasoning, upgrades);
        }

        /** A rejected assembly is repaired as a whole program, with edits that name their file. */
        private Attempt repair(List<String> problems) throws MutatorUnavailableException {
            String content = calls.complete(List.of(ChatMessage.system(prompts.system(request)),
                    ChatMessage.user(prompts.repair(problems, base))));
            Attempt attempt = AnswerApplier.apply(base, content);
            if (attempt.source() == null) {
                return attempt;
            }
            Program repaired = attempt.program(base);
            List<String> frozen = importsChanged(request, repaired);
            if (!frozen.isEmpty()) {
                // the base stays: the model's next edits apply to the program it was shown last
                return Attempt.failed(attempt.reasoning(), frozen, attempt.upgrades());
            }
            base = repaired;
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
