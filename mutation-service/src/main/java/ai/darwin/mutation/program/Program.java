package ai.darwin.mutation.program;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A training program as mutation-service works on it: its entry file (the class that implements
 * {@code TrainingProgram}, {@code VariantProposed.source}) and its other files, sorted by path. No other file is a
 * single-file program, exactly as before programs had files. The entry file answers to {@link #ENTRY} wherever a path
 * names a file (edits, diffs, prompts).
 *
 * @param entry the entry file's source
 * @param files the other files, sorted by path
 */
public record Program(String entry, List<ProgramFile> files) {

    /** The entry file's path in edits, diffs and prompts. */
    public static final String ENTRY = ProgramFiles.ENTRY_PATH;

    public Program {
        files = ProgramFiles.sorted(files);
    }

    public static Program single(String entry) {
        return new Program(entry, List.of());
    }

    /** The same files with another entry file: what the knob mutators, whose knobs live in the entry, produce. */
    public Program withEntry(String source) {
        return new Program(source, files);
    }

    /** Whether a path names the entry file: {@link #ENTRY}, or nothing (models often leave the path empty). */
    public static boolean isEntry(String path) {
        return path == null || path.isBlank() || path.strip().equals(ENTRY);
    }

    /** The source of the file at a path, the entry file's for {@link #isEntry} paths. */
    public Optional<String> source(String path) {
        if (isEntry(path)) {
            return Optional.of(entry);
        }
        return files.stream().filter(f -> f.path().equals(path.strip())).map(ProgramFile::source).findFirst();
    }

    /**
     * The program with the file at {@code path} written as {@code source}: replaced, or added when the program has no
     * such file; a blank source removes it (the entry file cannot be removed: it is replaced by the blank text, which
     * validation refuses).
     */
    public Program with(String path, String source) {
        if (isEntry(path)) {
            return withEntry(source);
        }
        String normalised = path.strip();
        List<ProgramFile> written = new ArrayList<>(files.stream().filter(f -> !f.path().equals(normalised)).toList());
        if (source != null && !source.isBlank()) {
            written.add(new ProgramFile(normalised, source));
        }
        return new Program(entry, written);
    }

    /**
     * A path as prompts may show it: one of the allowed form, whose characters are identifiers, dots and slashes
     * only; any other is the program's words (a hostile parent's path could carry instructions) and is not shown.
     */
    public static String shown(String path) {
        return path.equals(ENTRY) || ProgramFiles.isValidPath(path) ? path : "(a path that is not allowed)";
    }

    /** Every file, the entry first, with its path. */
    public List<ProgramFile> all() {
        List<ProgramFile> all = new ArrayList<>();
        all.add(new ProgramFile(ENTRY, entry));
        all.addAll(files);
        return all;
    }
}
