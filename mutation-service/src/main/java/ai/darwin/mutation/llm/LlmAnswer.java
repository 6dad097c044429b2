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
 * @param program         the whole new entry file (REWRITE), else empty
 * @param files           other files written whole: added, or replaced; an empty source removes one
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
        @JsonPropertyDescription("The whole new entry file (Program.java) when mode is REWRITE, otherwise an empty "
                + "string")
        String program,
        @JsonPropertyDescription("Other files of the program written whole: a new file, or a file replaced; an empty "
                + "source removes the file. Usually empty: edits change files")
        List<FileWrite> files,
        @JsonPropertyDescription("Things the rules forbid that a human may allow; usually empty")
        List<Upgrade> upgradeRequests) {

    public enum Mode { EDITS, REWRITE, ACCEPT }

    /**
     * @param path    the file it edits; empty or {@code Program.java} for the entry file
     * @param search  exact text of the file, occurring once
     * @param replace its replacement
     */
    public record Edit(@JsonPropertyDescription("The file edited: Program.java (or empty) for the entry file, else "
                               + "the file's path as shown, e.g. model/Gpt.java")
                       String path,
                       @JsonPropertyDescription("Exact text copied from that file; it must occur exactly once")
                       String search,
                       @JsonPropertyDescription("The text that replaces it")
                       String replace) {

        /** An edit of the entry file. */
        public Edit(String search, String replace) {
            this(null, search, replace);
        }
    }

    /**
     * @param path   the file's path in the program's package tree, e.g. {@code model/Attention.java}
     * @param source its whole source, or empty to remove it
     */
    public record FileWrite(@JsonPropertyDescription("The file's path: directories are its package, e.g. "
                                    + "model/Attention.java declares package model;")
                            String path,
                            @JsonPropertyDescription("The file's whole Java source; empty to remove the file")
                            String source) {
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
