package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.ndarray.NDArray;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a training program's files together in memory with javac, against only the SDK and the DJL API, and
 * checks its bytecode for forbidden APIs before any of it runs. Its classes are loaded only in class loaders that
 * expose nothing else of the harness ({@link CompiledProgram}).
 *
 * <p>A program of several files ({@link ProgramSource}) is one compilation: every file's classes pass the same
 * bytecode check, each file must declare the package its path names, no file may declare a class in a package of
 * the JDK, DJL or Darwin (where it would pose as the harness or the SDK), and the entry class is the one of the entry
 * file that implements {@link TrainingProgram}.
 */
public final class ProgramCompiler {

    static final int MAX_DIAGNOSTICS = 20;
    /**
     * Packages no program's class may be declared in. The worker refuses such layouts too; the harness checks again
     * because it is the last thing between a program and the class loader.
     */
    static final List<String> RESERVED_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun", "ai.djl",
            "ai.darwin");
    /**
     * What a file's path may be: relative, ASCII Java identifiers, ending in .java. The contract's rule
     * ({@code ai.darwin.events.variant.ProgramFiles}) is stricter; this copy keeps the child JVM free of the events
     * jar and still refuses anything that could name a place outside the program.
     */
    private static final Pattern PATH = Pattern.compile(
            "(?:[A-Za-z_$][A-Za-z0-9_$]*/)*[A-Za-z_$][A-Za-z0-9_$]*\\.java");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|record|enum|interface)\\s+(\\w+)",
            Pattern.MULTILINE);

    private ProgramCompiler() {
    }

    /**
     * Compiles and checks a program.
     *
     * @param source the program's Java source: one compilation unit whose public top-level class implements
     *               {@link TrainingProgram}
     * @return the checked program, ready to instantiate
     * @throws HarnessException COMPILE_ERROR with javac's diagnostics; FORBIDDEN_API when it uses an API outside the
     *                          allowed set ({@link ForbiddenApiCheck}); CONTRACT_VIOLATION when no single public
     *                          top-level class implements TrainingProgram; INFRASTRUCTURE when there is no javac
     */
    public static CompiledProgram compile(String source) throws HarnessException {
        return compile(source, ApiGrants.NONE);
    }

    /**
     * Compiles and checks a program with the catalogue entries a human granted its run: the bytecode check lets it
     * use the granted classes too. javac already sees them (the catalogue holds only classes of the JDK and of DJL's
     * api jar, see {@link ImportCatalogue}), so the compile classpath needs no change.
     */
    public static CompiledProgram compile(String source, ApiGrants grants) throws HarnessException {
        return compile(ProgramSource.single(source), grants);
    }

    /**
     * Compiles and checks a program of one or several files with the catalogue entries granted to its run.
     *
     * @throws HarnessException as {@link #compile(String)}, and CONTRACT_VIOLATION for a path that is not allowed or
     *                          a file whose package is not its directory, FORBIDDEN_API for a class declared in a
     *                          reserved package ({@link #RESERVED_PACKAGES})
     */
    public static CompiledProgram compile(ProgramSource program, ApiGrants grants) throws HarnessException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "no Java compiler: the harness needs a JDK");
        }
        List<SourceFile> units = sourceFiles(program);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
                "-classpath", compileClasspath());
        Set<String> entryClasses;
        try (JavaFileManager files = new MemoryFileManager(standard, classes)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null, units);
            Iterable<? extends CompilationUnitTree> trees = task.parse();
            failOnErrors(diagnostics, units);
            entryClasses = checkLayout(trees, units);
            task.generate();
            failOnErrors(diagnostics, units);
        } catch (IOException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "javac's file manager failed: " + e, e);
        } catch (IllegalStateException e) {
            // javac gives up on its task (say, after an error it cannot recover from) this way
            failOnErrors(diagnostics, units);
            throw new HarnessException(FailureClass.COMPILE_ERROR, "javac failed: " + e.getMessage(), e);
        }
        ForbiddenApiCheck.check(classes, program, grants);
        return new CompiledProgram(programClass(classes, entryClasses), classes);
    }

    private static List<SourceFile> sourceFiles(ProgramSource program) throws HarnessException {
        List<SourceFile> units = new ArrayList<>();
        units.add(new SourceFile(null, publicTypeName(program.entry()) + ".java", program.entry()));
        for (Map.Entry<String, String> file : program.files().entrySet()) {
            if (!PATH.matcher(file.getKey()).matches()) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the program's file path '"
                        + file.getKey().replaceAll("\\p{Cntrl}", "?") + "' is not allowed: it must be relative, "
                        + "'/'-separated Java identifiers, ending in .java");
            }
            units.add(new SourceFile(file.getKey(), file.getKey(), file.getValue()));
        }
        return units;
    }

    private static void failOnErrors(DiagnosticCollector<JavaFileObject> diagnostics, List<SourceFile> units)
            throws HarnessException {
        if (diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
            throw new HarnessException(FailureClass.COMPILE_ERROR, format(diagnostics.getDiagnostics(), units));
        }
    }

    /**
     * Checks where each file's classes go before any class file exists: each file declares the package its path
     * names, none a reserved package.
     *
     * @return the binary names of the entry file's top-level classes, among which the entry class is
     */
    private static Set<String> checkLayout(Iterable<? extends CompilationUnitTree> trees, List<SourceFile> units)
            throws HarnessException {
        Set<String> entryClasses = new HashSet<>();
        for (CompilationUnitTree tree : trees) {
            // javac hands back its own wrapper of each file object: find ours by its URI
            SourceFile file = units.stream().filter(u -> u.toUri().equals(tree.getSourceFile().toUri())).findFirst()
                    .orElseThrow();
            String packageName = tree.getPackageName() == null ? "" : tree.getPackageName().toString();
            String reserved = RESERVED_PACKAGES.stream()
                    .filter(r -> packageName.equals(r) || packageName.startsWith(r + ".")).findFirst().orElse(null);
            if (reserved != null) {
                throw new HarnessException(FailureClass.FORBIDDEN_API, file.label() + " declares package "
                        + packageName + ": a program's classes may not be declared in " + reserved
                        + ".*, the packages of the JDK, DJL and Darwin's harness and SDK");
            }
            if (file.path() != null && !packageName.equals(ProgramSource.packageOf(file.path()))) {
                String expected = ProgramSource.packageOf(file.path());
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, file.path() + " declares "
                        + (packageName.isEmpty() ? "no package" : "package " + packageName) + ", but its path says "
                        + (expected.isEmpty() ? "the default package" : "package " + expected)
                        + ": a file's package must be its directory");
            }
            if (file.path() == null) {
                String prefix = packageName.isEmpty() ? "" : packageName + ".";
                for (Tree type : tree.getTypeDecls()) {
                    if (type instanceof ClassTree declared) {
                        entryClasses.add(prefix + declared.getSimpleName());
                    }
                }
            }
        }
        return entryClasses;
    }

    /** Finds the one public, concrete TrainingProgram of the entry file, loading the classes in a throwaway loader. */
    private static String programClass(Map<String, byte[]> classes, Set<String> entryClasses)
            throws HarnessException {
        ProgramClassLoader loader = new ProgramClassLoader(classes);
        List<String> programs = new ArrayList<>();
        for (String name : classes.keySet()) {
            if (!entryClasses.contains(name)) {
                continue;
            }
            Class<?> type;
            try {
                type = loader.loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "class " + name + " cannot be loaded: " + e,
                        e);
            }
            if (TrainingProgram.class.isAssignableFrom(type) && Modifier.isPublic(type.getModifiers())
                    && !Modifier.isAbstract(type.getModifiers())) {
                programs.add(name);
            }
        }
        if (programs.size() != 1) {
            throw new HarnessException(FailureClass.CONTRACT_VIOLATION, "the source must declare exactly one public, "
                    + "non-abstract top-level class implementing ai.darwin.training.sdk.TrainingProgram, found "
                    + programs.size());
        }
        return programs.get(0);
    }

    static String publicTypeName(String source) {
        Matcher matcher = PUBLIC_TYPE.matcher(source);
        return matcher.find() ? matcher.group(1) : "Program";
    }

    /** The SDK's and the DJL API's jars (or class folders), wherever this process loaded them from. */
    static String compileClasspath() throws HarnessException {
        return String.join(File.pathSeparator, location(TrainingProgram.class), location(NDArray.class));
    }

    private static String location(Class<?> type) throws HarnessException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "cannot locate the classes of " + type.getName(),
                    e);
        }
    }

    /**
     * javac's errors, at most {@link #MAX_DIAGNOSTICS}, each with its line's text: {@code line N: error: ...} in the
     * entry file, {@code PATH line N: error: ...} in another.
     */
    static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics, List<SourceFile> units) {
        StringBuilder text = new StringBuilder();
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
            if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            if (++errors > MAX_DIAGNOSTICS) {
                text.append("... and more errors\n");
                break;
            }
            SourceFile file = sourceOf(diagnostic, units);
            long line = diagnostic.getLineNumber();
            if (file != null && file.path() != null) {
                text.append(file.path()).append(' ');
            }
            text.append("line ").append(line).append(": error: ").append(diagnostic.getMessage(Locale.ROOT))
                    .append('\n');
            String[] lines = file == null ? new String[0] : file.source.split("\n", -1);
            if (line >= 1 && line <= lines.length) {
                text.append("    ").append(lines[(int) line - 1].strip()).append('\n');
            }
        }
        return text.length() == 0 ? "javac failed without reporting an error" : text.toString().stripTrailing();
    }

    private static SourceFile sourceOf(Diagnostic<? extends JavaFileObject> diagnostic, List<SourceFile> units) {
        return diagnostic.getSource() == null ? null : units.stream()
                .filter(u -> u.toUri().equals(diagnostic.getSource().toUri())).findFirst().orElse(null);
    }

    /** One file of the program; the entry file has no path. */
    private static final class SourceFile extends SimpleJavaFileObject {

        private final String path;
        private final String source;

        SourceFile(String path, String fileName, String source) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.path = path;
            this.source = source;
        }

        String path() {
            return path;
        }

        /** How a message names the file. */
        String label() {
            return path == null ? "the entry file" : path;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static final class ClassFile extends SimpleJavaFileObject {

        private final String className;
        private final Map<String, byte[]> classes;

        ClassFile(String className, Map<String, byte[]> classes) {
            super(URI.create("mem:///" + className.replace('.', '/') + ".class"), Kind.CLASS);
            this.className = className;
            this.classes = classes;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    classes.put(className, toByteArray());
                }
            };
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, byte[]> classes;

        MemoryFileManager(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new ClassFile(className, classes);
        }
    }
}
