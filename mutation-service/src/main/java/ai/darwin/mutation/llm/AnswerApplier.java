package ai.darwin.mutation.llm;

import ai.darwin.mutation.edit.EditApplier;
import ai.darwin.mutation.edit.EditResult;
import ai.darwin.mutation.edit.SearchReplace;
import ai.darwin.mutation.proposal.Attempt;
import ai.darwin.mutation.proposal.UpgradeRequest;
import java.util.List;
import java.util.Objects;

/**
 * Turns an LLM's answer about a whole program into an attempt: the new program, or why there is none. The one
 * place that decides between a rewrite and edits, for the LLM mutator's attempts and chunk mode's repairs alike.
 *
 * <p>The rule: what the answer carries decides, and {@code mode} only breaks a tie. A program with no edits is a
 * rewrite, whatever the mode says; edits with no program are edits, whatever the mode says; with both, the mode
 * picks. Models without structured outputs often get the mode wrong while the content is unambiguous, and an
 * answer refused for its label would cost a whole repair round for nothing; what the content is, validation then
 * checks like any other program.
 */
public final class AnswerApplier {

    private AnswerApplier() {
    }

    /**
     * @param base    the program the answer's edits apply to
     * @param content the answer's text, as the LLM sent it
     */
    public static Attempt apply(String base, String content) {
        LlmAnswer answer;
        try {
            answer = AnswerParser.parse(content);
        } catch (IllegalArgumentException e) {
            return Attempt.failed("", List.of(e.getMessage()), List.of());
        }
        return apply(base, answer);
    }

    /** An answer already parsed (by a mutator that reads more in it than a change, such as the hybrid's ACCEPT). */
    public static Attempt apply(String base, LlmAnswer answer) {
        String reasoning = reasoning(answer);
        List<UpgradeRequest> upgrades = upgrades(answer);
        List<LlmAnswer.Edit> edits = answer.edits() == null ? List.of()
                : answer.edits().stream().filter(Objects::nonNull).toList();
        boolean hasProgram = answer.program() != null && !answer.program().isBlank();
        if (hasProgram && (edits.isEmpty() || answer.mode() == LlmAnswer.Mode.REWRITE)) {
            return Attempt.of(answer.program(), reasoning, upgrades);
        }
        if (edits.isEmpty()) {
            return Attempt.failed(reasoning, List.of("the answer has neither edits nor a program: give SEARCH/REPLACE "
                    + "edits with mode EDITS, or the whole new program in \"program\" with mode REWRITE"), upgrades);
        }
        EditResult result = EditApplier.apply(base, edits.stream()
                .map(e -> new SearchReplace(e.search(), e.replace())).toList());
        return result.applied() ? Attempt.of(result.source(), reasoning, upgrades)
                : Attempt.failed(reasoning, result.errors(), upgrades);
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
