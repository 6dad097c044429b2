package ai.darwin.training.harness.compile;

import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.ndarray.NDArray;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a training program's single source file in memory with javac, against only the SDK and the DJL API, and
 * checks its bytecode for forbidden APIs before any of it runs. Its classes are loaded only in class loaders that
 * expose nothing else of the harness ({@link CompiledProgram}).
 */
public final class ProgramCompiler {

    static final int MAX_DIAGNOSTICS = 20;
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
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
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "no Java compiler: the harness needs a JDK");
        }
        String fileName = publicTypeName(source) + ".java";
        String packagePrefix = packageName(source).map(p -> p + ".").orElse("");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
                "-classpath", compileClasspath());
        boolean compiled;
        try (JavaFileManager files = new MemoryFileManager(standard, classes)) {
            compiled = javac.getTask(null, files, diagnostics, options, null,
                    List.of(new SourceFile(fileName, source))).call();
        } catch (IOException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "javac's file manager failed: " + e, e);
        }
        if (!compiled) {
            throw new HarnessException(FailureClass.COMPILE_ERROR, format(diagnostics.getDiagnostics(), source));
        }
        ForbiddenApiCheck.check(classes, source, grants);
        return new CompiledProgram(programClass(classes, packagePrefix), classes);
    }

    /** Finds the one public, concrete top-level TrainingProgram, loading the classes in a throwaway loader. */
    private static String programClass(Map<String, byte[]> classes, String packagePrefix) throws HarnessException {
        ProgramClassLoader loader = new ProgramClassLoader(classes);
        List<String> programs = new ArrayList<>();
        for (String name : classes.keySet()) {
            if (name.contains("$") || !name.startsWith(packagePrefix)) {
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

    private static Optional<String> packageName(String source) {
        Matcher matcher = PACKAGE.matcher(source);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
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

    static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics, String source) {
        String[] lines = source.split("\n", -1);
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
            long line = diagnostic.getLineNumber();
            text.append("line ").append(line).append(": error: ").append(diagnostic.getMessage(Locale.ROOT))
                    .append('\n');
            if (line >= 1 && line <= lines.length) {
                text.append("    ").append(lines[(int) line - 1].strip()).append('\n');
            }
        }
        return text.length() == 0 ? "javac failed without reporting an error" : text.toString().stripTrailing();
    }

    private static final class SourceFile extends SimpleJavaFileObject {

        private final String source;

        SourceFile(String fileName, String source) {
            super(URI.create("string:///" + fileName), Kind.SOURCE);
            this.source = source;
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
