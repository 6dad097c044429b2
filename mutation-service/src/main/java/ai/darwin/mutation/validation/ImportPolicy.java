package ai.darwin.mutation.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which imports a program may have: the configured packages and classes, minus the configured carve-outs, plus the
 * classes of the import catalogue entries granted to the program's run or lineage. A first, readable gate that
 * mirrors the harness's bytecode allow-list (training-harness {@code ApiRules}): {@code java.util.*} there means the
 * classes of {@code java.util}, not {@code java.util.concurrent} or {@code java.util.logging}, and so it does here.
 * The bytecode check ({@code ForbiddenApiCheck}), here and on the worker, still decides what a program may use.
 *
 * <p>An entry is one of: {@code java.util.*}, the classes directly in a package (Java's own meaning of an
 * import-on-demand); {@code ai.djl.ndarray.}, a package with all its subpackages; {@code java.util.concurrent.TimeUnit},
 * one class with its nested classes and static members.
 */
public final class ImportPolicy {

    /**
     * What a training program needs without a human's approval: DJL's arrays, blocks and training pieces, the SDK,
     * the core of java.lang, collections, functions, streams, regular expressions, atomics, Random, Optional,
     * BigInteger, number formats and buffers. Every entry is also allowed by the harness's bytecode check.
     */
    public static final String STANDARD_ALLOWED = "ai.djl.ndarray.,ai.djl.nn.,ai.djl.training.loss.,"
            + "ai.djl.training.optimizer.,ai.djl.training.tracker.,ai.djl.training.initializer.,"
            + "ai.djl.training.evaluator.,ai.djl.training.GradientCollector,ai.djl.training.ParameterStore,"
            + "ai.djl.Device,ai.djl.engine.Engine,ai.djl.engine.EngineException,ai.djl.util.Pair,ai.djl.util.PairList,"
            + "ai.darwin.training.sdk.,java.lang.*,java.lang.annotation.,java.util.*,java.util.function.,"
            + "java.util.stream.,java.util.regex.,java.util.concurrent.atomic.,java.util.concurrent.TimeUnit,"
            + "java.math.*,java.text.*,java.nio.*,java.nio.charset.,java.io.IOException,java.io.UncheckedIOException,"
            + "java.io.Serializable";

    /**
     * Classes inside the allowed packages that give a program threads, processes, class loading, files or JVM
     * control, or the engine's internals: the bytecode check's carve-outs, refused here by name too.
     */
    public static final String STANDARD_FORBIDDEN = "java.lang.Thread,java.lang.ThreadGroup,java.lang.Runtime,"
            + "java.lang.Process,java.lang.ProcessBuilder,java.lang.ProcessHandle,java.lang.ClassLoader,"
            + "java.lang.Module,java.lang.ModuleLayer,java.lang.Package,java.lang.StackWalker,"
            + "java.lang.SecurityManager,java.util.Timer,java.util.TimerTask,java.util.ServiceLoader,"
            + "java.util.Formatter,java.util.ResourceBundle,java.util.PropertyResourceBundle,"
            + "ai.djl.ndarray.BaseNDManager,ai.djl.ndarray.NDArrayAdapter,ai.djl.ndarray.gc.,ai.djl.nn.SymbolBlock";

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;",
            Pattern.MULTILINE);

    private final List<String> allowed;
    private final List<String> forbidden;

    /** @param allowed entries such as {@code ai.djl.ndarray.}, {@code java.util.*} or {@code java.util.Random} */
    public ImportPolicy(List<String> allowed) {
        this(allowed, List.of());
    }

    /**
     * @param allowed   entries such as {@code ai.djl.ndarray.}, {@code java.util.*} or {@code java.util.Random}
     * @param forbidden carve-outs from {@code allowed}, in the same forms (a grant cannot lift them either)
     */
    public ImportPolicy(List<String> allowed, List<String> forbidden) {
        this.allowed = allowed.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
        this.forbidden = forbidden.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    public List<String> allowedPrefixes() {
        return allowed;
    }

    /** The allowed set in words, for the agent's prompt and the violation messages. */
    public String describe() {
        String allowedText = allowed.stream().map(ImportPolicy::describe).collect(Collectors.joining(", "));
        return forbidden.isEmpty() ? allowedText : allowedText + "; never "
                + forbidden.stream().map(ImportPolicy::describe).collect(Collectors.joining(", "));
    }

    /**
     * @param approved the classes granted to this program (exact names, or prefixes ending with a dot or {@code .*})
     * @return one message per import outside the allowed set
     */
    public List<String> violations(String source, Set<String> approved) {
        List<String> violations = new ArrayList<>();
        Matcher matcher = IMPORT.matcher(source);
        while (matcher.find()) {
            String name = matcher.group(2);
            String shown = "import " + (matcher.group(1) == null ? "" : "static ") + name;
            if (forbidden.stream().anyMatch(entry -> covers(entry, name))) {
                violations.add(shown + " is outside the allowed packages: threads, processes, class loading, files "
                        + "and JVM control are never allowed, and no upgrade request can grant them; remove it");
            } else if (!allowed(name, approved)) {
                violations.add(shown + " is outside the allowed packages (" + describe()
                        + "); remove it, or ask for it with an upgrade request of kind NEW_IMPORT");
            }
        }
        return violations;
    }

    private boolean allowed(String name, Set<String> approved) {
        if (allowed.stream().anyMatch(entry -> covers(entry, name))) {
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

    /**
     * Whether an entry covers an imported name. Below a {@code pkg.*} entry the next segment must be a class (Java
     * names packages in lower case and classes in upper case), so that {@code java.util.*} does not reach
     * {@code java.util.concurrent.Executors}.
     */
    static boolean covers(String entry, String name) {
        if (entry.endsWith(".*")) {
            String pkg = entry.substring(0, entry.length() - 1);
            if (!name.startsWith(pkg)) {
                return false;
            }
            String rest = name.substring(pkg.length());
            return rest.equals("*") || !rest.isEmpty() && Character.isUpperCase(rest.charAt(0));
        }
        if (entry.endsWith(".")) {
            return name.startsWith(entry);
        }
        return name.equals(entry) || name.startsWith(entry + ".");
    }

    private static String describe(String entry) {
        if (entry.endsWith(".*")) {
            return entry + " (its classes, not its subpackages)";
        }
        return entry.endsWith(".") ? entry.substring(0, entry.length() - 1) + " (with subpackages)" : entry;
    }
}
