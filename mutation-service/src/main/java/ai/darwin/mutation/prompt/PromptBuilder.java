package ai.darwin.mutation.prompt;

import ai.darwin.events.generation.AgentProgram;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.config.MutationConfig;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.MutationRequest;
import ai.darwin.mutation.validation.ProgramValidator;
import ai.darwin.platform.text.BoundedText;
import ai.darwin.training.harness.compile.ImportCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fills the prompt templates for an assignment: rules, objective, budget, guidance, lessons, what memory measured
 * (the parent's metrics, its lineage, earlier attempts and their outcomes, the run's best programs, the mutating
 * agent's own measure), the two programs.
 * What programs, their runs or other models wrote (lessons drawn from failures, diagnostics, upgrade requests) goes
 * in as {@link UntrustedText} blocks of fixed size, and programs in fences that their own text cannot close.
 */
@ApplicationScoped
public class PromptBuilder {

    /** One line of lessons; a failure message longer than this is cut. */
    static final int LESSON_CHARS = 300;
    /** One upgrade request with its decision, and all of them. */
    static final int UPGRADE_CHARS = 300;
    static final int UPGRADES_CHARS = 1500;
    /** One reason a proposal was rejected, and all of them: javac's first errors are the useful ones. */
    static final int PROBLEM_CHARS = 1500;
    static final int PROBLEMS_CHARS = 3000;
    /** A failed training's message, the tail of its output (the end holds the stack), and both together. */
    static final int FAILURE_MESSAGE_CHARS = 600;
    static final int FAILURE_TAIL_CHARS = 2500;
    static final int FAILURE_CHARS = 3200;
    /** One chunk's line in chunk mode's outline, and the whole outline (the seed has about 40 chunks). */
    static final int OUTLINE_LINE_CHARS = 240;
    static final int OUTLINE_CHARS = 8000;

    private final PromptTemplate system = PromptTemplate.load("system");
    private final PromptTemplate mutate = PromptTemplate.load("mutate");
    private final PromptTemplate repair = PromptTemplate.load("repair");
    private final PromptTemplate chunk = PromptTemplate.load("chunk");
    private final PromptTemplate hybrid = PromptTemplate.load("hybrid");
    private final PromptTemplate runtimeRepair = PromptTemplate.load("runtime-repair");
    /** Prompts whose lessons wait for their proposal: one per proposal being made, each taken as it is made. */
    static final int GIVEN_KEPT = 256;

    private final LessonsSource lessons;
    private final OutcomesSource outcomes;
    private final Map<String, List<String>> given = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > GIVEN_KEPT;
        }
    });
    private final ProgramValidator validator;
    private final int lessonsChars;

    @Inject
    PromptBuilder(LessonsSource lessons, OutcomesSource outcomes, ProgramValidator validator, MutationConfig config) {
        this(lessons, outcomes, validator, config.lessons().maxChars());
    }

    /** @param lessonsChars the most characters of lessons a prompt carries */
    PromptBuilder(LessonsSource lessons, OutcomesSource outcomes, ProgramValidator validator, int lessonsChars) {
        this.lessons = lessons;
        this.outcomes = outcomes;
        this.validator = validator;
        this.lessonsChars = lessonsChars;
    }

    /**
     * The lessons the last prompt for {@code variantId} gave its agent, as the prompt had them (cleaned and cut), for
     * its proposal event; forgotten once taken. Empty when no prompt for it held lessons.
     */
    public List<String> takeLessonsGiven(String variantId) {
        List<String> taken = given.remove(variantId);
        return taken == null ? List.of() : taken;
    }

    /** The system message: role, objective, rules and the answer's format. */
    public String system(MutationRequest request) {
        String allowed = validator.imports().describe();
        String approved = request.approvedImports().isEmpty() ? ""
                : "; and, APPROVED by a human for this run or this program's lineage (the worker's bytecode check "
                + "allows them too): "
                + String.join(", ", new TreeSet<>(request.approvedImports()));
        String catalogue = ImportCatalogue.standard().entries().stream().map(e -> "\n  * " + e.describe())
                .collect(Collectors.joining());
        return system.fill(Map.of("allowedImports", allowed, "approvedImports", approved, "importCatalogue",
                catalogue, "objective", request.fitness().describe(),
                "layout", request.layout().describe(request.parentFiles())));
    }

    /** The first user message of a whole-program proposal. */
    public String mutate(MutationRequest request) {
        Map<String, String> values = common(request);
        values.put("upgrades", UntrustedText.block("upgrade requests of this run: agents' words, humans' decisions",
                request.upgrades().stream().map(e -> "- " + e.describe()).toList(), UPGRADE_CHARS, UPGRADES_CHARS,
                "(none)"));
        values.put("mutatorProgram", program(new Program(request.mutatorSource(), request.mutatorFiles())));
        values.put("targetProgram", program(request.parent()));
        return mutate.fill(values);
    }

    /**
     * The first message of a hybrid proposal: the mutation prompt, then the optimiser's proposal for the LLM to
     * accept or replace.
     *
     * @param proposal the optimiser's reasoning (the knob, from → to, the model's expected improvement), or why it
     *                 has no proposal
     * @param diff     the proposal's unified diff against the parent; empty when there is no proposal
     */
    public String hybrid(MutationRequest request, String proposal, String diff) {
        String decision = diff.isEmpty()
                ? "The optimiser has no proposal this time: propose a change of your own (mode EDITS or REWRITE); "
                        + "ACCEPT is not available."
                : "Either ACCEPT it: answer with \"mode\": \"ACCEPT\", no edits and an empty program, and say in "
                        + "\"reasoning\" why it is the best next trial. Or replace it with a change of your own (mode "
                        + "EDITS or REWRITE, as described), when what was measured points to a better next trial: say "
                        + "in \"reasoning\" why yours is better than the optimiser's.";
        return mutate(request) + "\n\n" + hybrid.fill(Map.of("proposal", proposal,
                "diff", diff.isEmpty() ? "(no proposal)" : fenced(diff.strip()), "decision", decision));
    }

    /**
     * The message that sends a rejected proposal back.
     *
     * @param newBase the program the next edits apply to, when the rejected attempt changed it; null when the
     *                base is still the program shown before
     */
    public String repair(List<String> problems, Program newBase) {
        String base = newBase == null
                ? "The program is unchanged: your next edits apply to the program shown before.\n"
                : "Your change was applied, so the program is now as follows and your next edits apply to this text:\n"
                        + program(newBase) + "\n";
        return repair.fill(Map.of("problems", UntrustedText.block("the checks' findings on your proposal",
                problems.stream().map(p -> "- " + p).toList(), PROBLEM_CHARS, PROBLEMS_CHARS, "(no reason given)"),
                "base", base));
    }

    /**
     * The first message of a runtime repair: the request's parent source is the program that failed in training.
     * The failure's class is the harness's verdict; its message and the tail of the program's output are the
     * program's own words, so they go in as untrusted data, the tail cut from its end, where the stack is.
     *
     * @param attempt the attempt the repair will be
     */
    public String runtimeRepair(MutationRequest request, TrainingFailed failure, int attempt) {
        Map<String, String> values = common(request);
        values.put("failedVariantId", failure.variantId());
        values.put("failureClass", failure.failureClass().name());
        values.put("failureMeaning", FailureHints.meaning(failure.failureClass()));
        values.put("attempt", Integer.toString(attempt));
        List<String> reported = List.of("message: " + BoundedText.head(failure.message(), FAILURE_MESSAGE_CHARS),
                "output, last lines:\n" + BoundedText.tail(UntrustedText.clean(failure.logTail()), FAILURE_TAIL_CHARS));
        values.put("error", UntrustedText.block("the failed training's message and the end of its output", reported,
                FAILURE_TAIL_CHARS + 40, FAILURE_CHARS, "(nothing reported)"));
        values.put("failedProgram", program(request.parent()));
        return runtimeRepair.fill(values);
    }

    /**
     * The message that asks for one chunk of the program in chunk mode.
     *
     * @param outline each chunk's line (name, size, the first sentence of its comment: the program's words, so it
     *                goes in as untrusted data)
     * @param globals the program's top-level fields, shown as code
     */
    public String chunk(MutationRequest request, List<String> outline, String globals, List<String> changed,
                        String chunkName, String chunkText) {
        Map<String, String> values = common(request);
        values.put("structure", UntrustedText.block("the file's chunks in order, each with the first sentence of its "
                + "comment", outline.stream().map(l -> "- " + l).toList(), OUTLINE_LINE_CHARS, OUTLINE_CHARS,
                "(no chunks)"));
        values.put("globals", globals.isBlank() ? "(none)" : fenced(globals));
        values.put("changedChunks", bullets(changed, "(none yet)"));
        values.put("chunkName", chunkName);
        values.put("chunk", fenced(chunkText));
        return chunk.fill(values);
    }

    /** The approved corpora the target's variants train on in this generation, besides the run's own. */
    private static String extras(GenerationOpened generation, String targetAgentId) {
        List<String> extras = generation.dataset().extrasFor(targetAgentId).stream()
                .map(extra -> extra.uri() + " (approved in request " + extra.requestId() + ")").toList();
        return extras.isEmpty() ? "" : "; this generation also trains on, never validates on: "
                + String.join(", ", extras);
    }

    private Map<String, String> common(MutationRequest request) {
        GenerationOpened generation = request.generation();
        Map<String, String> values = new HashMap<>();
        values.put("mutatorAgentId", request.assignment().mutatorAgentId());
        values.put("targetAgentId", request.assignment().targetAgentId());
        values.put("parentVariantId", request.assignment().parentVariantId());
        values.put("trainingSeed", Long.toString(request.assignment().trainingSeed()));
        values.put("generation", Integer.toString(generation.generation()));
        values.put("runId", generation.runId());
        values.put("budget", budget(generation.budget(), request.preset()));
        values.put("dataset", generation.dataset().uri() + " (" + generation.dataset().tokenizer()
                + " tokenizer, " + Math.round(generation.dataset().validationFraction() * 100)
                + "% held out for validation)" + extras(generation, request.assignment().targetAgentId()));
        values.put("guidance", bullets(generation.guidance(), "(none)"));
        List<String> drawn = lessons.lessons(generation.runId(), request.assignment().targetAgentId());
        given.put(request.variantId(), UntrustedText.fitting(drawn, LESSON_CHARS, lessonsChars).stream()
                .filter(lesson -> !lesson.isBlank()).limit(VariantProposed.MAX_LESSONS).toList());
        values.put("lessons", UntrustedText.block("lessons from memory-service, drawn from earlier variants and their "
                + "failure messages", drawn, LESSON_CHARS, lessonsChars, "(none yet)"));
        String mutatorVariantId = generation.agents().stream()
                .filter(a -> a.agentId().equals(request.assignment().mutatorAgentId())).findFirst()
                .map(AgentProgram::variantId).orElse(null);
        OutcomeSections.fill(outcomes.outcomes(generation.runId(), request.assignment().parentVariantId(),
                mutatorVariantId), values);
        return values;
    }

    /** The budget's limits in words; "whichever comes first" only where there are two. */
    static String budget(TrainingBudget budget, String preset) {
        List<String> limits = new ArrayList<>();
        if (budget.maxTokens() > 0) {
            limits.add(String.format(Locale.ROOT, "%,d training tokens", budget.maxTokens()));
        }
        if (budget.maxSeconds() > 0) {
            limits.add(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT))
                    .format(budget.maxSeconds()) + (budget.maxSeconds() == 1 ? " second" : " seconds") + " of training");
        }
        return String.join(" or ", limits) + (limits.size() > 1 ? ", whichever comes first" : "")
                + (preset == null ? "" : "; preset " + preset);
    }

    /**
     * A program as prompts show it: a single file in its fence, as always; several files each under a line with its
     * path, the entry file first, so that edits can name the file they apply to.
     */
    static String program(Program program) {
        if (program.files().isEmpty()) {
            return fenced(program.entry());
        }
        return program.all().stream().map(f -> "FILE " + Program.shown(f.path()) + (f.path().equals(Program.ENTRY)
                ? " (the entry file)" : "") + "\n" + fenced(f.source())).collect(Collectors.joining("\n\n"));
    }

    /**
     * A program in a Java fence longer than any run of backticks in it, so that nothing in the program (a comment,
     * a string) can end the fence early and have the rest read as prompt.
     */
    static String fenced(String program) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < program.length(); i++) {
            run = program.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + "java\n" + program + "\n" + fence;
    }

    private static String bullets(List<String> lines, String none) {
        return lines.isEmpty() ? none : lines.stream().map(l -> "- " + l).collect(Collectors.joining("\n"));
    }
}
