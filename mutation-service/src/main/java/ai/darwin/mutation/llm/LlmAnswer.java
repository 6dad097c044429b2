package ai.darwin.mutation.llm;

import ai.darwin.events.hitl.ApprovalKind;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The structured answer asked of the LLM; its JSON schema goes out as the request's {@code response_format}.
 *
 * @param reasoning       first, so that the model thinks before it edits
 * @param mode            EDITS or REWRITE; ACCEPT in hybrid mode, to take the optimiser's proposal as it is
 * @param edits           SEARCH/REPLACE edits (EDITS)
 * @param program         the whole new program (REWRITE), else empty
 * @param upgradeRequests what the agent asks a human to allow
 */
@JsonClassDescription("A proposed change to a GPT training program")
public record LlmAnswer(
        @JsonPropertyDescription("What you change, why it should lower val_bpb within the budget, what could go wrong")
        String reasoning,
        @JsonPropertyDescription("EDITS to apply SEARCH/REPLACE edits, REWRITE to replace the whole program, ACCEPT "
                + "(only when offered an optimiser's proposal) to take that proposal unchanged")
        Mode mode,
        @JsonPropertyDescription("The edits, in order; each search occurs exactly once in the program")
        List<Edit> edits,
        @JsonPropertyDescription("The whole new program when mode is REWRITE, otherwise an empty string")
        String program,
        @JsonPropertyDescription("Things the rules forbid that a human may allow; usually empty")
        List<Upgrade> upgradeRequests) {

    public enum Mode { EDITS, REWRITE, ACCEPT }

    /**
     * @param search  exact text of the program, occurring once
     * @param replace its replacement
     */
    public record Edit(@JsonPropertyDescription("Exact text copied from the program; it must occur exactly once")
                       String search,
                       @JsonPropertyDescription("The text that replaces it")
                       String replace) {
    }

    /**
     * @param kind          what kind of thing is asked
     * @param detail        exactly what
     * @param justification why
     */
    public record Upgrade(ApprovalKind kind,
                          @JsonPropertyDescription("Exactly what is asked: an import, a budget, a file name")
                          String detail,
                          @JsonPropertyDescription("Why it would help")
                          String justification) {
    }
}
