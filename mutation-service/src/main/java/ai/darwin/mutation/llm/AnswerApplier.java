package ai.darwin.mutation.llm;

import ai.darwin.mutation.edit.EditApplier;
import ai.darwin.mutation.edit.EditResult;
import ai.darwin.mutation.edit.SearchReplace;
import ai.darwin.mutation.program.Program;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.UpgradeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns an LLM's answer about a whole program into an attempt: the new program, or why there is none. The one
 * place that decides between a rewrite and edits, for the LLM mutator's attempts and chunk mode's repairs alike.
 *
 * <p>The rule: what the answer carries decides, and {@code mode} only breaks a tie. A program with no edits of the
 * entry file is a rewrite, whatever the mode says; edits with no program are edits, whatever the mode says; with both,
 * the mode picks. Models without structured outputs often get the mode wrong while the content is unambiguous, and
 * an answer refused for its label would cost a whole repair round for nothing; what the content is, validation then
 * checks like any other program.
 *
 * <p>A program of several files: {@code files} are written whole first (added, replaced, or removed by an empty
 * source), then each edit applies to the file its {@code path} names, the entry file when the path is empty or
 * {@code Program.java}. Whether the resulting layout is one the agent may have is the engine's to check.
 */
public final class AnswerApplier {

    private AnswerApplier() {
    }

    /**
     * @param base    the program the answer's edits apply to
     * @param content the answer's text, as the LLM sent it
     */
    public static Attempt apply(Program base, String content) {
        LlmAnswer answer;
        try {
            answer = AnswerParser.parse(content);
        } catch (IllegalArgumentException e) {
            return Attempt.failed("", List.of(e.getMessage()), List.of());
        }
        return apply(base, answer);
    }

    /** An answer already parsed (by a mutator that reads more in it than a change, such as the hybrid's ACCEPT). */
    public static Attempt apply(Program base, LlmAnswer answer) {
        String reasoning = reasoning(answer);
        List<UpgradeRequest> upgrades = upgrades(answer);
        List<LlmAnswer.Edit> edits = answer.edits() == null ? List.of()
                : answer.edits().stream().filter(Objects::nonNull).toList();
        List<LlmAnswer.FileWrite> writes = answer.files() == null ? List.of()
                : answer.files().stream().filter(f -> f != null && f.path() != null && !f.path().isBlank()).toList();
        boolean hasProgram = answer.program() != null && !answer.program().isBlank();
        boolean editsEntry = edits.stream().anyMatch(e -> Program.isEntry(e.path()));
        boolean rewrite = hasProgram && (!editsEntry || answer.mode() == LlmAnswer.Mode.REWRITE);
        if (!rewrite && edits.isEmpty() && writes.isEmpty()) {
            return Attempt.failed(reasoning, List.of("the answer has neither edits nor a program: give SEARCH/REPLACE "
                    + "edits with mode EDITS, or the whole new program in \"program\" with mode REWRITE"), upgrades);
        }
        Program program = rewrite ? base.withEntry(answer.program()) : base;
        for (LlmAnswer.FileWrite write : writes) {
            program = program.with(write.path(), write.source());
        }
        // a rewritten entry file takes the place of the edits of it
        Map<String, List<SearchReplace>> byFile = new LinkedHashMap<>();
        edits.stream().filter(e -> !(rewrite && Program.isEntry(e.path()))).forEach(e -> byFile
                .computeIfAbsent(Program.isEntry(e.path()) ? Program.ENTRY : e.path().strip(), p -> new ArrayList<>())
                .add(new SearchReplace(e.search(), e.replace())));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<SearchReplace>> file : byFile.entrySet()) {
            String path = file.getKey();
            String text = program.source(path).orElse(null);
            if (text == null) {
                problems.add("there is no file " + path + " to edit; the files are " + program.all().stream()
                        .map(f -> f.path()).collect(Collectors.joining(", ")) + " (a new file goes into \"files\", "
                        + "whole)");
                continue;
            }
            EditResult result = EditApplier.apply(text, file.getValue());
            if (result.applied()) {
                program = program.with(path, result.source());
            } else {
                String in = base.files().isEmpty() && path.equals(Program.ENTRY) ? "" : "in " + path + ": ";
                result.errors().forEach(error -> problems.add(in + error));
            }
        }
        return problems.isEmpty() ? Attempt.of(program, reasoning, upgrades)
                : Attempt.failed(reasoning, problems, upgrades);
    }

    /** The answer's reasoning, stripped; empty when it gave none. */
    public static String reasoning(LlmAnswer answer) {
        return answer.reasoning() == null ? "" : answer.reasoning().strip();
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
}
