package ai.darwin.mutation.program;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** The unified diff of a variant against its parent, as {@code diff -u} prints it (3 lines of context). */
public final class UnifiedDiff {

    private UnifiedDiff() {
    }

    /**
     * @param fileName the program's file name, e.g. {@code SeedGpt.java}
     * @return the diff, or an empty string when the texts are equal
     */
    public static String of(String parent, String variant, String fileName) {
        if (parent.equals(variant)) {
            return "";
        }
        List<String> before = parent.lines().toList();
        List<String> after = variant.lines().toList();
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("a/" + fileName, "b/" + fileName, before, patch, 3);
        // texts that differ only in line endings have no line to show
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
