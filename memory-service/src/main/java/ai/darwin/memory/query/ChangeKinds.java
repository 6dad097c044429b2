package ai.darwin.memory.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kinds of change a diff makes, so that lessons can say which kinds went with improvement: a constant whose
 * number went up or down ({@code LEARNING_RATE up}), a value replaced by another ({@code ACTIVATION changed}),
 * or, when no assignment changed, {@code code restructured}.
 */
public final class ChangeKinds {

    private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*([^;]+);");

    private ChangeKinds() {
    }

    public static List<String> of(String diff) {
        if (diff == null || diff.isBlank()) {
            return List.of();
        }
        Map<String, String> removed = new LinkedHashMap<>();
        Map<String, String> added = new LinkedHashMap<>();
        boolean other = false;
        for (String line : diff.lines().toList()) {
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("-") || line.startsWith("+")) {
                Matcher matcher = ASSIGNMENT.matcher(line.substring(1));
                if (matcher.find()) {
                    (line.startsWith("-") ? removed : added).put(matcher.group(1), matcher.group(2).trim());
                } else if (!line.substring(1).isBlank()) {
                    other = true;
                }
            }
        }
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, String> change : added.entrySet()) {
            String before = removed.get(change.getKey());
            if (before == null) {
                kinds.add(change.getKey() + " added");
            } else if (!before.equals(change.getValue())) {
                kinds.add(change.getKey() + " " + direction(before, change.getValue()));
            }
        }
        removed.keySet().stream().filter(name -> !added.containsKey(name)).forEach(name -> kinds.add(name + " removed"));
        if (kinds.isEmpty() && other) {
            kinds.add("code restructured");
        }
        return kinds;
    }

    private static String direction(String before, String after) {
        try {
            double from = Double.parseDouble(number(before));
            double to = Double.parseDouble(number(after));
            return to > from ? "up" : to < from ? "down" : "changed";
        } catch (NumberFormatException e) {
            return "changed";
        }
    }

    private static String number(String value) {
        return value.replaceAll("[_fFdDlL]$", "").replace("_", "");
    }
}
