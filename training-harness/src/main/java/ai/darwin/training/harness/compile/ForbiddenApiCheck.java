package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rejects a compiled program that reaches outside the SDK's allowed set: files, network, processes, environment,
 * reflection, class loading, threads, exiting the JVM, and DJL's downloading and file-writing corners.
 *
 * <p>It checks the bytecode, not the text, so no spelling (fully qualified names, {@code var}, method references)
 * gets past it; it then points at the source line that most likely holds the use. The rules are an allow-list of
 * packages (java.lang, java.util with function/stream/regex, java.math, java.text, NIO buffers, DJL, the SDK) with
 * forbidden types and members carved out of it.
 */
public final class ForbiddenApiCheck {

    /** Packages whose direct classes a program may use (subpackages are listed separately). */
    static final List<String> ALLOWED_PACKAGES = List.of("java/lang/", "java/util/", "java/math/", "java/text/",
            "java/nio/");
    /** Packages a program may use with all their subpackages. */
    static final List<String> ALLOWED_TREES = List.of("java/lang/annotation/", "java/lang/invoke/",
            "java/lang/runtime/", "java/util/function/", "java/util/stream/", "java/util/regex/",
            "java/util/concurrent/atomic/", "java/nio/charset/", "ai/djl/", "ai/darwin/training/sdk/");
    /** Single classes outside those packages a program may use. */
    static final Set<String> ALLOWED_TYPES = Set.of("java/io/PrintStream", "java/io/Serializable",
            "java/io/IOException", "java/io/UncheckedIOException", "java/io/Closeable",
            "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentMap",
            "java/util/concurrent/ConcurrentLinkedQueue", "java/util/concurrent/ConcurrentLinkedDeque",
            "java/util/concurrent/CopyOnWriteArrayList", "java/util/concurrent/ThreadLocalRandom",
            "java/util/concurrent/TimeUnit", "ai/djl/util/Pair", "ai/djl/util/PairList",
            "ai/djl/util/Preconditions", "ai/djl/util/Float16Utils", "ai/djl/util/RandomUtils");
    /** Classes (with their nested classes) and packages carved out of the allowed set, with the reason. */
    static final Map<String, String> FORBIDDEN_TYPES = Map.ofEntries(
            Map.entry("java/lang/Thread", "threads"),
            Map.entry("java/lang/ThreadGroup", "threads"),
            Map.entry("java/lang/Runtime", "processes and JVM control"),
            Map.entry("java/lang/Process", "processes"),
            Map.entry("java/lang/ProcessBuilder", "processes"),
            Map.entry("java/lang/ProcessHandle", "processes"),
            Map.entry("java/lang/ClassLoader", "class loading"),
            Map.entry("java/lang/Module", "reflection"),
            Map.entry("java/lang/ModuleLayer", "reflection"),
            Map.entry("java/lang/Package", "reflection"),
            Map.entry("java/lang/StackWalker", "reflection"),
            Map.entry("java/lang/SecurityManager", "JVM control"),
            Map.entry("java/lang/reflect/", "reflection"),
            Map.entry("java/lang/ref/", "background threads"),
            Map.entry("java/util/Timer", "threads"),
            Map.entry("java/util/TimerTask", "threads"),
            Map.entry("java/util/ServiceLoader", "class loading"),
            Map.entry("java/util/Formatter", "files"),
            Map.entry("java/util/ResourceBundle", "class loading"),
            Map.entry("java/util/PropertyResourceBundle", "files"),
            Map.entry("java/util/prefs/", "files"),
            Map.entry("java/util/logging/", "files"),
            Map.entry("java/util/zip/", "files"),
            Map.entry("java/util/jar/", "files"),
            Map.entry("java/nio/file/", "files"),
            Map.entry("java/nio/channels/", "files and network"),
            Map.entry("ai/djl/repository/", "downloads"),
            Map.entry("ai/djl/util/", "files, environment and reflection"),
            Map.entry("ai/djl/modality/", "files and downloads"),
            Map.entry("ai/djl/training/listener/", "files"),
            Map.entry("ai/djl/training/util/", "downloads"));
    /** Reasons for common packages outside the allowed set, for clearer messages. */
    static final Map<String, String> REASONS = Map.of(
            "java/net/", "network",
            "java/io/File", "files",
            "java/io/", "files and streams",
            "java/util/concurrent/", "threads",
            "java/lang/invoke/", "reflection");
    /** The only members of java.lang.Class a program may use. */
    static final Set<String> CLASS_MEMBERS = Set.of("getName", "getSimpleName", "getTypeName", "getCanonicalName",
            "isInstance", "cast", "isAssignableFrom", "desiredAssertionStatus", "isArray", "isPrimitive", "isEnum",
            "isRecord", "isInterface", "getComponentType", "getEnumConstants", "toString", "hashCode", "equals");
    /** The only members of java.lang.System a program may use. */
    static final Set<String> SYSTEM_MEMBERS = Set.of("out", "err", "currentTimeMillis", "nanoTime", "arraycopy",
            "identityHashCode", "lineSeparator");
    /** java.lang.invoke classes javac's own code calls (lambdas, string concatenation, records). */
    static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory",
            "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    private ForbiddenApiCheck() {
    }

    /**
     * Checks every class compiled from a source.
     *
     * @param classes binary class name to class file, as javac wrote them
     * @param source  the program's source, for line hints in the message
     * @throws HarnessException FORBIDDEN_API listing each forbidden use
     */
    public static void check(Map<String, byte[]> classes, String source) throws HarnessException {
        Set<String> own = new LinkedHashSet<>();
        classes.keySet().forEach(name -> own.add(name.replace('.', '/')));
        Map<String, String> violations = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            ClassFileReferences references = ClassFileReferences.read(entry.getValue());
            for (String type : references.types()) {
                String reason = forbiddenType(type, own);
                if (reason != null) {
                    violations.putIfAbsent(display(type), reason);
                }
            }
            for (ClassFileReferences.Member member : references.members()) {
                String reason = forbiddenMember(member);
                if (reason != null) {
                    violations.putIfAbsent(display(member.owner()) + "." + member.name(), reason);
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new HarnessException(FailureClass.FORBIDDEN_API, message(violations, source));
        }
    }

    /** @return why a type is forbidden, or null when a program may use it */
    static String forbiddenType(String type, Set<String> own) {
        if (own.contains(type)) {
            return null;
        }
        for (Map.Entry<String, String> forbidden : FORBIDDEN_TYPES.entrySet()) {
            String name = forbidden.getKey();
            if (name.endsWith("/") ? type.startsWith(name) : type.equals(name) || type.startsWith(name + "$")) {
                return forbidden.getValue();
            }
        }
        if (ALLOWED_TYPES.contains(type) || ALLOWED_TREES.stream().anyMatch(type::startsWith)) {
            return null;
        }
        for (String allowed : ALLOWED_PACKAGES) {
            if (type.startsWith(allowed) && type.indexOf('/', allowed.length()) < 0) {
                return null;
            }
        }
        return REASONS.entrySet().stream().filter(reason -> type.startsWith(reason.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue).orElse("outside the training SDK's allowed APIs");
    }

    /** @return why a member is forbidden, or null when a program may use it */
    static String forbiddenMember(ClassFileReferences.Member member) {
        String owner = member.owner();
        String name = member.name();
        if (owner.equals("java/lang/Class") && !CLASS_MEMBERS.contains(name)) {
            return "reflection";
        }
        if (owner.equals("java/lang/System") && !SYSTEM_MEMBERS.contains(name)) {
            return switch (name) {
                case "exit" -> "exiting the JVM";
                case "getenv" -> "reading the environment";
                case "getProperty", "getProperties", "setProperty", "setProperties", "clearProperty" ->
                        "system properties";
                default -> "JVM control";
            };
        }
        if (owner.startsWith("java/lang/invoke/") && !BOOTSTRAPS.contains(owner)) {
            return "reflection";
        }
        if (owner.startsWith("java/util/") && name.startsWith("parallel")) {
            return "threads";
        }
        if (owner.equals("java/io/PrintStream") && name.equals("<init>")) {
            return "files";
        }
        if (owner.equals("ai/djl/engine/Engine") && name.equals("debugEnvironment")) {
            return "reading the environment";
        }
        return null;
    }

    private static String message(Map<String, String> violations, String source) {
        StringBuilder text = new StringBuilder("the program uses APIs a training program may not use "
                + "(allowed: DJL, the training SDK, java.lang, java.util with function/stream, Math):\n");
        String[] lines = source.split("\n", -1);
        for (Map.Entry<String, String> violation : violations.entrySet()) {
            text.append("  ").append(violation.getKey()).append(" (").append(violation.getValue()).append(')');
            int line = lineOf(violation.getKey(), lines);
            if (line >= 0) {
                text.append(", near line ").append(line + 1).append(": ").append(lines[line].strip());
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** @return the first line that names the API's simple name (its member, else its class), or -1 */
    private static int lineOf(String api, String[] lines) {
        String[] parts = api.split("[.$]");
        for (int i = parts.length - 1; i >= Math.max(0, parts.length - 2); i--) {
            String word = parts[i].equals("<init>") ? parts[i - 1] : parts[i];
            Pattern pattern = Pattern.compile("\\b" + Pattern.quote(word) + "\\b");
            for (int line = 0; line < lines.length; line++) {
                String text = lines[line].strip();
                if (!text.startsWith("//") && !text.startsWith("*") && pattern.matcher(text).find()) {
                    return line;
                }
            }
        }
        return -1;
    }

    private static String display(String internalName) {
        return internalName.replace('/', '.');
    }
}
