package ai.darwin.mutation.proposal;

import ai.darwin.events.Nullable;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.mutation.program.Program;
import java.util.List;

/**
 * One try of a mutator.
 *
 * @param source    the entry file of the program it produced, or null when it produced none (an edit did not apply,
 *                  no answer)
 * @param reasoning its explanation
 * @param problems  why it produced no program (empty when it did: validation comes next)
 * @param upgrades  what it asked humans for
 * @param files     the program's other files; null when the mutator changed only the entry file and the parent's
 *                  files stay as they are (the knob mutators, whose knobs all live in the entry file)
 */
public record Attempt(@Nullable String source, String reasoning, List<String> problems, List<UpgradeRequest> upgrades,
                      @Nullable List<ProgramFile> files) {

    public Attempt {
        problems = List.copyOf(problems);
        upgrades = List.copyOf(upgrades);
        files = files == null ? null : List.copyOf(files);
    }

    /** An attempt that leaves the parent's other files as they are. */
    public Attempt(@Nullable String source, String reasoning, List<String> problems, List<UpgradeRequest> upgrades) {
        this(source, reasoning, problems, upgrades, null);
    }

    /** A new entry file; the parent's other files stay as they are. */
    public static Attempt of(String source, String reasoning, List<UpgradeRequest> upgrades) {
        return new Attempt(source, reasoning, List.of(), upgrades, null);
    }

    /** A whole program, every file said. */
    public static Attempt of(Program program, String reasoning, List<UpgradeRequest> upgrades) {
        return new Attempt(program.entry(), reasoning, List.of(), upgrades, program.files());
    }

    public static Attempt failed(String reasoning, List<String> problems, List<UpgradeRequest> upgrades) {
        return new Attempt(null, reasoning, problems, upgrades, null);
    }

    /** The program this attempt produced on {@code parent}; only when {@link #source} is not null. */
    public Program program(Program parent) {
        return new Program(source, files == null ? parent.files() : files);
    }
}
