package ai.darwin.mutation.program;

import ai.darwin.events.variant.ProgramFile;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unified diff of a variant against its parent, as {@code diff -u} prints it (3 lines of context); for a
 * program of several files, as {@code git diff} prints a tree: one section per file that changed, the entry file
 * first as {@link Program#ENTRY}, then the other files by path, {@code /dev/null} standing for the side of a file
 * added or removed.
 */
public final class UnifiedDiff {

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract)\\s+)*(?:class|record)\\s+(\\w+)", Pattern.MULTILINE);
    private static final String NONE = "/dev/null";

    private UnifiedDiff() {
    }

    /**
     * A program's diff. A single-file program's file is named after its public type ({@code SeedGpt.java}), as its
     * diffs always were; in a program of several files the entry is {@link Program#ENTRY}, the name every reader of
     * the contract maps to the entry file.
     */
    public static String of(Program parent, Program variant) {
        if (parent.files().isEmpty() && variant.files().isEmpty()) {
            return of(parent.entry(), variant.entry(), fileName(parent.entry()));
        }
        StringBuilder diff = new StringBuilder(of(parent.entry(), variant.entry(), Program.ENTRY));
        TreeSet<String> paths = new TreeSet<>();
        parent.files().forEach(f -> paths.add(f.path()));
        variant.files().forEach(f -> paths.add(f.path()));
        for (String path : paths) {
            Optional<String> before = find(parent, path);
            Optional<String> after = find(variant, path);
            diff.append(of(before.orElse(""), after.orElse(""), before.isPresent() ? "a/" + path : NONE,
                    after.isPresent() ? "b/" + path : NONE));
        }
        return diff.toString();
    }

    /**
     * @param fileName the program's file name, e.g. {@code SeedGpt.java}
     * @return the diff, or an empty string when the texts are equal
     */
    public static String of(String parent, String variant, String fileName) {
        return of(parent, variant, "a/" + fileName, "b/" + fileName);
    }

    private static String of(String parent, String variant, String from, String to) {
        if (parent.equals(variant)) {
            return "";
        }
        List<String> before = parent.lines().toList();
        List<String> after = variant.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> lines = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(from, to, before, patch, 3));
        // an empty side starts at line 0, as diff -u and git print it (the library says line 1)
        if (lines.size() > 2 && (before.isEmpty() || after.isEmpty())) {
            lines.set(2, lines.get(2).replace(before.isEmpty() ? "@@ -1,0 " : " +1,0 @@",
                    before.isEmpty() ? "@@ -0,0 " : " +0,0 @@"));
        }
        // texts that differ only in line endings have no line to show
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static Optional<String> find(Program program, String path) {
        return program.files().stream().filter(f -> f.path().equals(path)).map(ProgramFile::source).findFirst();
    }

    /** The program's file name, {@code <public type>.java}, for a single-file diff's header. */
    static String fileName(String source) {
        Matcher matcher = PUBLIC_TYPE.matcher(source);
        return (matcher.find() ? matcher.group(1) : "Program") + ".java";
    }
}
