package ai.darwin.training.harness.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What a human may ever grant a run beyond the training SDK's allowed APIs, each entry with the reason it is safe
 * ({@code import-catalogue.properties} beside this class). mutation-service declines a NEW_IMPORT request outside it
 * on its own, and a training worker refuses a variant whose event grants anything it does not hold.
 *
 * <p>Reading the file re-checks every entry, so that a careless edit cannot grant what must never be granted: a class
 * the bytecode check carves out (threads, processes, reflection, class loading, files), a class under a package that
 * stands for files, network, threads or the JVM's internals, a class programs may use already, a class from a jar
 * javac and the program's class loader do not see, or an entry without a reason.
 */
public final class ImportCatalogue {

    /** The resource next to this class. */
    static final String RESOURCE = "import-catalogue.properties";
    /** A class of DJL's api jar, named and not referenced: a training worker runs this code without DJL. */
    static final String DJL_API_CLASS = "ai.djl.ndarray.NDArray";

    /**
     * Classes, and packages (ending with a slash), no grant may reach into whatever the file says, with the reason an
     * agent is told; the bytecode check's own carve-outs ({@link ApiRules#FORBIDDEN_TYPES}) come on top.
     */
    static final Map<String, String> NEVER = neverGrantable();

    private static volatile ImportCatalogue standard;

    /**
     * One grantable set of classes.
     *
     * @param id               what requests, decisions and VariantProposed.grantedImports name it by
     * @param classes          binary class names
     * @param forbiddenMembers {@code Class.member} to the reason it stays refused on a granted class
     * @param reason           why it is safe
     */
    public record Entry(String id, List<String> classes, Map<String, String> forbiddenMembers, String reason) {

        public Entry {
            classes = List.copyOf(classes);
            forbiddenMembers = Map.copyOf(forbiddenMembers);
        }

        /** One line for humans and agents: the id, the classes and why they are safe. */
        public String describe() {
            return id + " (" + String.join(", ", classes) + "): " + reason;
        }
    }

    private final Map<String, Entry> entries;

    private ImportCatalogue(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The catalogue this build ships. */
    public static ImportCatalogue standard() {
        ImportCatalogue catalogue = standard;
        if (catalogue == null) {
            try (InputStream in = ImportCatalogue.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the harness jar lacks " + RESOURCE);
                }
                Properties properties = new Properties();
                properties.load(in);
                catalogue = of(properties);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            standard = catalogue;
        }
        return catalogue;
    }

    /** Reads a catalogue in the resource's format (for tests that attack the checks on it). */
    static ImportCatalogue parse(String text) {
        Properties properties = new Properties();
        try (Reader in = new StringReader(text)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(properties);
    }

    /** @throws IllegalArgumentException naming the first entry that could grant what must never be granted */
    private static ImportCatalogue of(Properties properties) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String id : new TreeSet<>(properties.stringPropertyNames().stream()
                .map(key -> key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'))).toList())) {
            Entry entry = new Entry(id, split(properties.getProperty(id + ".classes", ""), ","),
                    members(properties.getProperty(id + ".forbidden-members", "")),
                    properties.getProperty(id + ".reason", "").strip());
            check(entry);
            entries.put(id, entry);
        }
        return new ImportCatalogue(entries);
    }

    private static void check(Entry entry) {
        if (entry.reason().isEmpty()) {
            throw new IllegalArgumentException("catalogue entry " + entry.id() + " gives no reason why it is safe");
        }
        if (entry.classes().isEmpty()) {
            throw new IllegalArgumentException("catalogue entry " + entry.id() + " names no class");
        }
        for (String name : entry.classes()) {
            String type = name.replace('.', '/');
            String never = neverReason(type);
            if (never != null) {
                throw new IllegalArgumentException("catalogue entry " + entry.id() + " grants " + name
                        + ", which is never granted: " + never);
            }
            if (ForbiddenApiCheck.allowedType(type, ApiGrants.NONE)) {
                throw new IllegalArgumentException("catalogue entry " + entry.id() + " grants " + name
                        + ", which every program may use already");
            }
            if (!onCompileClasspath(name)) {
                throw new IllegalArgumentException("catalogue entry " + entry.id() + " grants " + name
                        + ", which is neither in the JDK nor in DJL's api jar (the only code a program compiles "
                        + "and loads against besides the SDK)");
            }
        }
        for (String member : entry.forbiddenMembers().keySet()) {
            if (entry.classes().stream().noneMatch(c -> member.startsWith(c + "."))) {
                throw new IllegalArgumentException("catalogue entry " + entry.id() + " refuses " + member
                        + ", a member of none of its classes");
            }
        }
    }

    /** @return the catalogue's entries, by id */
    public Collection<Entry> entries() {
        return entries.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * The entry an agent's request names, by its id or one of its classes ({@code import java.time.Duration;} and
     * {@code java.time.Duration} both name {@code java-time-values}).
     */
    public Optional<Entry> covering(String requested) {
        String name = importName(requested);
        if (entries.containsKey(name)) {
            return Optional.of(entries.get(name));
        }
        return entries().stream().filter(e -> e.classes().contains(name)).findFirst();
    }

    /**
     * Why a request names nothing that may be granted, for the automatic refusal the agent reads.
     *
     * @return empty when the catalogue covers it
     */
    public Optional<String> refusal(String requested) {
        if (covering(requested).isPresent()) {
            return Optional.empty();
        }
        String name = importName(requested);
        String type = name.endsWith(".*") ? name.substring(0, name.length() - 1).replace('.', '/')
                : name.replace('.', '/');
        int dot = name.lastIndexOf('.');
        String reason = dot > 0 ? ForbiddenApiCheck.forbiddenMember(name.substring(0, dot).replace('.', '/'),
                name.substring(dot + 1), ApiGrants.NONE) : null;
        if (reason == null && !name.endsWith(".*") && ForbiddenApiCheck.carvedOut(type) == null
                && ForbiddenApiCheck.allowedType(type, ApiGrants.NONE)) {
            return Optional.of(name + " needs no approval: every program may import it already");
        }
        reason = reason == null ? neverReason(type) : reason;
        if (reason != null) {
            return Optional.of(name + " is never granted: " + reason);
        }
        return Optional.of(name + " is not in the catalogue of what may be granted; grantable: "
                + String.join("; ", entries().stream().map(Entry::describe).toList()));
    }

    /**
     * The grants for entry ids, as a decision or an event names them.
     *
     * @throws IllegalArgumentException for an id the catalogue does not hold: a grant from outside it is refused,
     *                                  not narrowed
     */
    public ApiGrants grants(Collection<String> ids) {
        List<Entry> granted = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) {
            Entry entry = entries.get(id);
            if (entry == null) {
                throw new IllegalArgumentException("'" + id + "' is not in the import catalogue (" + String.join(", ",
                        new TreeSet<>(entries.keySet())) + "): nothing outside it is ever granted");
            }
            granted.add(entry);
        }
        return new ApiGrants(granted);
    }

    /** {@code import static a.b.C;} or {@code a.b.C} → {@code a.b.C}. */
    static String importName(String requested) {
        return requested.strip().replaceFirst("^import\\s+(static\\s+)?", "").replaceFirst(";$", "").strip();
    }

    /** @return why a class or package may never be granted, or null */
    static String neverReason(String type) {
        String forbidden = ForbiddenApiCheck.carvedOut(type);
        if (forbidden != null) {
            return forbidden;
        }
        return NEVER.entrySet().stream().filter(e -> ForbiddenApiCheck.names(e.getKey(), type))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue).orElse(null);
    }

    private static Map<String, String> neverGrantable() {
        Map<String, String> never = new LinkedHashMap<>(ApiRules.REASONS);
        // DJL as a whole is the catalogue's business; only the parts that stand for I/O or internals are closed
        never.remove("ai/djl/");
        never.put("java/lang/System", "exiting the JVM, system properties and the environment");
        never.put("java/lang/Class", "reflection");
        never.put("java/lang/management/", "JVM control");
        never.put("java/lang/instrument/", "JVM control");
        never.put("java/security/", "JVM control");
        never.put("sun/", "the JVM's internals (Unsafe)");
        never.put("jdk/", "the JVM's internals (Unsafe)");
        never.put("com/sun/", "the JVM's internals");
        never.put("javax/", "outside the training SDK (tools, naming, scripting)");
        never.put("java/rmi/", "network");
        never.put("java/sql/", "network and files");
        never.put("java/awt/", "the display");
        never.put("ai/djl/training/dataset/", "datasets read files");
        never.put("ai/djl/training/listener/", "listeners save models and logs to files");
        never.put("ai/djl/Model", "models load and save files");
        never.put("ai/djl/modality/", "vocabularies and translators read files");
        return Map.copyOf(never);
    }

    /**
     * Whether javac and the program's class loader see a class: the JDK's, or DJL's api jar's. Where DJL is absent
     * (a training worker, which only passes grants on) this cannot be told and is not checked here; the child that
     * compiles the program reads the catalogue again with DJL present, and so does mutation-service.
     */
    private static boolean onCompileClasspath(String name) {
        ClassLoader loader = ImportCatalogue.class.getClassLoader();
        CodeSource djl;
        try {
            djl = Class.forName(DJL_API_CLASS, false, loader).getProtectionDomain().getCodeSource();
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || djl != null && Objects.equals(source.getLocation(), djl.getLocation());
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> members(String text) {
        Map<String, String> members = new LinkedHashMap<>();
        for (String pair : split(text, ";")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(equals + 1).isBlank()) {
                throw new IllegalArgumentException("a forbidden member needs Class.member=reason, not '" + pair + "'");
            }
            members.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return members;
    }
}
