package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rejects a compiled program that reaches outside the SDK's allowed set ({@link ApiRules}): files, network,
 * processes, environment, reflection, class loading, threads, exiting the JVM, the engine's internals and registry,
 * JVM-wide state, and classes of its own where the harness would call them.
 *
 * <p>It checks the bytecode, not the text, so no spelling (fully qualified names, {@code var}, method references)
 * gets past it; members are judged by the class that declares them, not the one javac names at the call site. It
 * then points at the source line that most likely holds the use.
 */
public final class ForbiddenApiCheck {

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
        check(classes, source, ApiGrants.NONE);
    }

    /**
     * Checks every class compiled from a source, with the catalogue entries a human granted the run.
     *
     * @throws HarnessException FORBIDDEN_API listing each forbidden use
     */
    public static void check(Map<String, byte[]> classes, String source, ApiGrants grants) throws HarnessException {
        check(classes, ProgramSource.single(source), grants);
    }

    /**
     * Checks every class compiled from a program of one or several files: the same rules for every file, the
     * message pointing at the file and line that most likely holds each use.
     *
     * @throws HarnessException FORBIDDEN_API listing each forbidden use
     */
    public static void check(Map<String, byte[]> classes, ProgramSource program, ApiGrants grants)
            throws HarnessException {
        Map<String, ClassFile> own = new LinkedHashMap<>();
        classes.values().forEach(bytes -> {
            ClassFile file = ClassFile.read(bytes);
            own.put(file.name(), file);
        });
        MemberResolver resolver = new MemberResolver(own, ForbiddenApiCheck.class.getClassLoader());
        Map<String, String> violations = new TreeMap<>();
        for (ClassFile file : own.values()) {
            for (String supertype : file.supertypes()) {
                if (!own.containsKey(supertype) && !allowedSupertype(supertype)) {
                    violations.putIfAbsent("extends " + display(supertype), "a program's class may not extend or "
                            + "implement it: the harness or the engine would run the program's code in its place");
                }
            }
            if (file.declares("finalize", "()V")) {
                violations.putIfAbsent(display(file.name()) + ".finalize", "runs outside the harness's control");
            }
            for (String type : file.types()) {
                String reason = own.containsKey(type) ? null : forbiddenType(type, grants);
                if (reason != null) {
                    violations.putIfAbsent(display(type), reason);
                }
            }
            for (ClassFile.Member member : file.members()) {
                // an array's clone() and length: javac names the array type as the owner
                if (member.owner().startsWith("[") || own.containsKey(member.owner())
                        && own.get(member.owner()).declares(member.name(), member.descriptor())) {
                    continue;
                }
                String declaring = resolver.declaringClass(member);
                String reason = forbiddenMember(declaring, member.name(), grants);
                if (reason == null && !declaring.equals(member.owner())) {
                    reason = forbiddenMember(member.owner(), member.name(), grants);
                }
                if (reason == null && !own.containsKey(declaring)) {
                    reason = forbiddenType(declaring, grants);
                }
                if (reason != null) {
                    violations.putIfAbsent(display(declaring) + "." + member.name(), reason);
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new HarnessException(FailureClass.FORBIDDEN_API, message(violations, program));
        }
    }

    static boolean allowedSupertype(String type) {
        return ApiRules.ALLOWED_SUPERTYPES.stream()
                .anyMatch(allowed -> allowed.endsWith("/") ? type.startsWith(allowed) : type.equals(allowed));
    }

    /** @return why a library type is forbidden, or null when a program may use it */
    static String forbiddenType(String type) {
        return forbiddenType(type, ApiGrants.NONE);
    }

    /** @return why a library type is forbidden with these grants, or null when a program may use it */
    static String forbiddenType(String type, ApiGrants grants) {
        String carvedOut = carvedOut(type);
        if (carvedOut != null) {
            return carvedOut;
        }
        if (allowedType(type, grants)) {
            return null;
        }
        Optional<ImportCatalogue.Entry> grantable = ImportCatalogue.standard().covering(type.replace('/', '.'));
        if (grantable.isPresent()) {
            return "not granted to this run: ask for it with an upgrade request of kind NEW_IMPORT, detail '"
                    + type.replace('/', '.') + "' (catalogue entry " + grantable.get().id() + ")";
        }
        return ApiRules.REASONS.entrySet().stream().filter(reason -> type.startsWith(reason.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue).orElse("outside the training SDK's allowed APIs");
    }

    /** Whether a type is in the allowed set or granted, before the carve-outs ({@link #carvedOut}). */
    static boolean allowedType(String type, ApiGrants grants) {
        return ApiRules.ALLOWED_TYPES.contains(type) || ApiRules.ALLOWED_TREES.stream().anyMatch(type::startsWith)
                || grants.allowsType(type) || ApiRules.ALLOWED_PACKAGES.stream()
                .anyMatch(allowed -> type.startsWith(allowed) && type.indexOf('/', allowed.length()) < 0);
    }

    /** @return why the bytecode check carves a type out of the allowed set, whatever is granted; or null */
    static String carvedOut(String type) {
        return ApiRules.FORBIDDEN_TYPES.entrySet().stream().filter(forbidden -> names(forbidden.getKey(), type))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Whether a rule's name covers a type: a package (ending with a slash) its tree, a class itself and its nested. */
    static boolean names(String rule, String type) {
        return rule.endsWith("/") ? type.startsWith(rule) : type.equals(rule) || type.startsWith(rule + "$");
    }

    /** @return why a member of a library class is forbidden with these grants, or null when a program may use it */
    static String forbiddenMember(String owner, String name, ApiGrants grants) {
        String granted = grants.forbiddenMember(owner, name);
        return granted != null ? granted : forbiddenMember(owner, name);
    }

    /** @return why a member of a library class is forbidden, or null when a program may use it */
    static String forbiddenMember(String owner, String name) {
        if (owner.equals("java/lang/Class") && !ApiRules.CLASS_MEMBERS.contains(name)) {
            return "reflection";
        }
        if (owner.equals("java/lang/System") && !ApiRules.SYSTEM_MEMBERS.contains(name)) {
            return switch (name) {
                case "exit" -> "exiting the JVM";
                case "getenv" -> "reading the environment";
                case "getProperty", "getProperties", "setProperty", "setProperties", "clearProperty" ->
                        "system properties";
                default -> "JVM control";
            };
        }
        if (owner.equals("ai/djl/engine/Engine") && !ApiRules.ENGINE_MEMBERS.contains(name)) {
            return name.equals("debugEnvironment") ? "reading the environment"
                    : "the engine's registry, seeds and models (the harness seeds the engine)";
        }
        if (owner.startsWith("java/lang/invoke/") && !ApiRules.BOOTSTRAPS.contains(owner)) {
            return "reflection";
        }
        if (owner.startsWith("java/util/") && name.startsWith("parallel")) {
            return "threads";
        }
        Map<String, String> members = ApiRules.FORBIDDEN_MEMBERS.get(owner);
        return members == null ? null : members.get(name);
    }

    private static String message(Map<String, String> violations, ProgramSource program) {
        StringBuilder text = new StringBuilder("the program uses APIs a training program may not use "
                + "(allowed: DJL's arrays, blocks, losses, optimizers and initializers, the training SDK, java.lang, "
                + "java.util with function/stream, Math):\n");
        Map<String, String[]> files = new LinkedHashMap<>();
        files.put("", program.entry().split("\n", -1));
        program.files().forEach((path, source) -> files.put(path, source.split("\n", -1)));
        for (Map.Entry<String, String> violation : violations.entrySet()) {
            text.append("  ").append(violation.getKey()).append(" (").append(violation.getValue()).append(')');
            for (Map.Entry<String, String[]> file : files.entrySet()) {
                String[] lines = file.getValue();
                int line = lineOf(violation.getKey(), lines);
                if (line >= 0) {
                    text.append(", near ").append(file.getKey().isEmpty() ? "" : file.getKey() + " ")
                            .append("line ").append(line + 1).append(": ").append(lines[line].strip());
                    break;
                }
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** @return the first line that names the API's simple name (its member, else its class), or -1 */
    private static int lineOf(String api, String[] lines) {
        String[] parts = api.replace("extends ", "").split("[.$]");
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
