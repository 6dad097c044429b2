package ai.darwin.mutation.proposal;

import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.mutation.program.Program;
import java.util.List;

/**
 * What the service proposes for an assignment, validated.
 *
 * @param source           the program's entry file (the parent's, when CARRIED_FORWARD)
 * @param reasoning        the mutator's explanation, with any fallback said in words
 * @param mutator          which mutator produced the source
 * @param usage            LLM tokens and cost, repairs and abandoned LLM attempts included
 * @param status           VALID, REPAIRED or CARRIED_FORWARD
 * @param validationErrors why attempts were rejected, oldest first
 * @param upgrades         what the mutator asked humans for
 * @param files            the program's other files besides {@code source}, its entry file; empty for one file
 * @param lessons          what the agent was given besides the programs: its prompt's lessons, or the outcomes the
 *                         optimiser fitted its model to; empty when nothing was used
 */
public record Proposal(String source, String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                       List<String> validationErrors, List<UpgradeRequest> upgrades, List<ProgramFile> files,
                       List<String> lessons) {

    public Proposal {
        validationErrors = List.copyOf(validationErrors);
        upgrades = List.copyOf(upgrades);
        files = List.copyOf(files);
        lessons = List.copyOf(lessons);
    }

    /** A proposal made with nothing beyond the programs (a fallback, a carried-forward parent). */
    public Proposal(String source, String reasoning, MutatorInfo mutator, TokenUsage usage, ProposalStatus status,
                    List<String> validationErrors, List<UpgradeRequest> upgrades, List<ProgramFile> files) {
        this(source, reasoning, mutator, usage, status, validationErrors, upgrades, files, List.of());
    }

    public Program program() {
        return new Program(source, files);
    }
}
