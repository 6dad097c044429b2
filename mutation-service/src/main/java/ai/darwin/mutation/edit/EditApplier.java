package ai.darwin.mutation.edit;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies SEARCH/REPLACE edits exactly, in order: each SEARCH must occur exactly once in the program as the
 * previous edits left it. Nothing is guessed: an edit that does not apply is reported with what the program
 * actually holds near the place it meant, so that the mutator can correct it.
 */
public final class EditApplier {

    private EditApplier() {
    }

    public static EditResult apply(String source, List<SearchReplace> edits) {
        if (edits.isEmpty()) {
            return new EditResult(null, List.of("the answer has no edits"));
        }
        List<String> errors = new ArrayList<>();
        String current = source;
        for (int i = 0; i < edits.size(); i++) {
            SearchReplace edit = edits.get(i);
            String label = "edit " + (i + 1) + " of " + edits.size();
            if (edit.search() == null || edit.search().isEmpty()) {
                errors.add(label + ": SEARCH is empty; it must quote the exact text to replace");
                continue;
            }
            int first = current.indexOf(edit.search());
            if (first < 0) {
                errors.add(label + ": SEARCH text not found in the program. " + nearest(current, edit.search()));
                continue;
            }
            int second = current.indexOf(edit.search(), first + 1);
            if (second >= 0) {
                errors.add(label + ": SEARCH text occurs " + count(current, edit.search()) + " times (first at line "
                        + lineOf(current, first) + ", then line " + lineOf(current, second)
                        + "); quote more surrounding lines so that it occurs exactly once");
                continue;
            }
            String replacement = edit.replace() == null ? "" : edit.replace();
            current = current.substring(0, first) + replacement + current.substring(first + edit.search().length());
        }
        return errors.isEmpty() ? new EditResult(current, List.of()) : new EditResult(null, errors);
    }

    /** Points at the program's line most like the SEARCH's first non-blank line. */
    static String nearest(String source, String search) {
        String wanted = search.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        String[] lines = source.split("\n", -1);
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < lines.length; i++) {
            double score = similarity(lines[i].strip(), wanted);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best < 0 || bestScore < 0.5) {
            return "No line of the program resembles its first line \"" + abbreviate(wanted) + "\".";
        }
        String hint = lines[best].strip().equals(wanted)
                ? " That line matches, so a later SEARCH line or its whitespace differs from the program."
                : "";
        return "The closest line is line " + (best + 1) + ": \"" + abbreviate(lines[best].strip()) + "\"." + hint
                + " Copy SEARCH text verbatim from the current program.";
    }

    /** 1 - normalised Levenshtein distance. */
    static double similarity(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return 1.0 - (double) previous[b.length()] / Math.max(a.length(), b.length());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
