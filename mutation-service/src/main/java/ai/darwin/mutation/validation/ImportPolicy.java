package ai.darwin.mutation.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which imports a program may have: the configured packages (DJL, the SDK, java.lang, java.util, ...), plus the
 * classes of the import catalogue entries granted to the run. A first, readable gate: the bytecode check of the harness
 * ({@code ForbiddenApiCheck}) still decides what a program may actually use.
 */
public final class ImportPolicy {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;",
            Pattern.MULTILINE);

    private final List<String> allowedPrefixes;

    /** @param allowedPrefixes package prefixes such as {@code ai.djl.} or {@code java.util.} */
    public ImportPolicy(List<String> allowedPrefixes) {
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    public List<String> allowedPrefixes() {
        return allowedPrefixes;
    }

    /**
     * @param approved the classes granted to this run (exact names, or prefixes ending with a dot or {@code .*})
     * @return one message per import outside the allowed set
     */
    public List<String> violations(String source, Set<String> approved) {
        List<String> violations = new ArrayList<>();
        Matcher matcher = IMPORT.matcher(source);
        while (matcher.find()) {
            String name = matcher.group(2);
            if (!allowed(name, approved)) {
                violations.add("import " + (matcher.group(1) == null ? "" : "static ") + name
                        + " is outside the allowed packages (" + String.join(", ", allowedPrefixes)
                        + "); remove it, or ask for it with an upgrade request of kind NEW_IMPORT");
            }
        }
        return violations;
    }

    private boolean allowed(String name, Set<String> approved) {
        if (allowedPrefixes.stream().anyMatch(name::startsWith)) {
            return true;
        }
        for (String grant : approved) {
            String prefix = grant.endsWith(".*") ? grant.substring(0, grant.length() - 1) : grant;
            if (name.equals(grant) || prefix.endsWith(".") && name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
