package ai.darwin.mutation.program;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The layout an agent's proposal may have: the files its parent has (the layout it inherited), plus the files a
 * human approved by name (NEW_FILE), or any layout within {@link ProgramFiles}'s caps once a RESTRUCTURE is
 * approved. The layout is what the agent was allowed, not a security boundary: every file passes the same import,
 * compile and bytecode checks whatever its path, and the workers check only the caps and the files.
 *
 * @param restructure whether a RESTRUCTURE approval lets the agent split, merge, add and remove files freely
 * @param newFiles    the paths approved by NEW_FILE requests, which the agent may add
 */
public record Layout(boolean restructure, Set<String> newFiles) {

    /** Nothing approved: the inherited files, no more, no fewer. */
    public static final Layout INHERITED = new Layout(false, Set.of());

    public Layout {
        newFiles = Set.copyOf(newFiles);
    }

    /**
     * Why a proposal's files break the layout, in words for the model that proposed them: a file added that no
     * human approved, or one removed (removing or renaming a file is a restructure); empty when it keeps to it.
     *
     * @param parent   the parent's files besides its entry file
     * @param proposed the proposal's files besides its entry file
     */
    public List<String> problems(List<ProgramFile> parent, List<ProgramFile> proposed) {
        if (restructure) {
            return List.of();
        }
        Set<String> before = parent.stream().map(ProgramFile::path).collect(Collectors.toSet());
        Set<String> after = proposed.stream().map(ProgramFile::path).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        List<String> added = after.stream().filter(p -> !before.contains(p) && !newFiles.contains(p)).toList();
        List<String> removed = before.stream().filter(p -> !after.contains(p)).sorted().toList();
        if (!added.isEmpty()) {
            problems.add("LAYOUT: the program adds " + String.join(", ", added) + ", which no human approved: keep "
                    + "to the files you were given" + (newFiles.isEmpty() ? "" : " and the approved new files ("
                    + String.join(", ", new TreeSet<>(newFiles)) + ")") + ", or ask in upgradeRequests for "
                    + "NEW_FILE with the file's path as detail, or for RESTRUCTURE");
        }
        if (!removed.isEmpty()) {
            problems.add("LAYOUT: the program removes " + String.join(", ", removed) + ", and removing or renaming a "
                    + "file is a restructure that no human approved: keep every file (edit it instead), or ask in "
                    + "upgradeRequests for RESTRUCTURE");
        }
        return problems;
    }

    /**
     * The layout in words for the system prompt: the files the program has and what the agent may change about them.
     *
     * @param files the program's files besides its entry file
     */
    public String describe(List<ProgramFile> files) {
        String have = files.isEmpty() ? "a single file, the entry file " + ProgramFiles.ENTRY_PATH
                : (files.size() + 1) + " files: the entry file " + ProgramFiles.ENTRY_PATH + " and "
                + paths(files).stream().collect(Collectors.joining(", "));
        String may;
        if (restructure) {
            may = "A human APPROVED a RESTRUCTURE: you may split the program into files, merge, rename, add or remove "
                    + "files (an empty \"source\" removes one), within " + ProgramFiles.MAX_FILES + " files in all.";
        } else if (!newFiles.isEmpty()) {
            may = "A human APPROVED these NEW files, which you may add: " + String.join(", ", new TreeSet<>(newFiles))
                    + ". Every other file keeps its path, and none may be removed.";
        } else {
            may = "Keep this layout: no file may be added, removed or renamed. A NEW_FILE request (the path as "
                    + "detail) or a RESTRUCTURE request asks a human for more.";
        }
        return "The program has " + have + ". " + may;
    }

    /** The paths, as prompts may show them ({@link Program#shown}). */
    private static Set<String> paths(List<ProgramFile> files) {
        return files.stream().map(f -> Program.shown(f.path())).collect(Collectors.toCollection(TreeSet::new));
    }
}
