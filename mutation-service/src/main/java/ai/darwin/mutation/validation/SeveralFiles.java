package ai.darwin.mutation.validation;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.mutation.program.Program;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.FailureClass;
import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ForbiddenApiCheck;
import ai.darwin.training.sdk.TrainingProgram;
import ai.djl.ndarray.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Compiles a program of several files in one javac run, against the training SDK and DJL's API alone, and runs the
 * harness's {@link ForbiddenApiCheck} over every class of every file. training-harness's {@code ProgramCompiler}
 * compiles one file on this branch; this is the bridge until it compiles a program's files itself (issue 13, the
 * worker's side: {@code ProgramCompiler.compile(ProgramSource, ApiGrants)}), when {@link ProgramValidator} calls that
 * for every program and this class goes, so that what passes here is exactly what passes on a worker.
 */
final class SeveralFiles {

    private static final int MAX_DIAGNOSTICS = 20;
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract)\\s+)*(?:class|record)\\s+(\\w+)", Pattern.MULTILINE);

    private SeveralFiles() {
    }

    static void compile(Program program, ApiGrants grants) throws HarnessException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "no Java compiler: the check needs a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
                "-classpath", location(TrainingProgram.class) + File.pathSeparator + location(NDArray.class));
        List<SourceFile> sources = program.all().stream().map(SourceFile::new).toList();
        boolean compiled;
        try (JavaFileManager files = new MemoryFiles(standard, classes)) {
            compiled = javac.getTask(null, files, diagnostics, options, null, sources).call();
        } catch (IOException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "javac's file manager failed: " + e, e);
        }
        if (!compiled) {
            throw new HarnessException(FailureClass.COMPILE_ERROR, format(diagnostics.getDiagnostics()));
        }
        StringBuilder all = new StringBuilder();
        program.all().forEach(f -> all.append(f.source()).append('\n'));
        ForbiddenApiCheck.check(classes, all.toString(), grants);
    }

    /** javac's errors, each with its file's path, line and the line's text. */
    private static String format(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
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
            SourceFile file = diagnostic.getSource() instanceof SourceFile source ? source : null;
            text.append(file == null ? "" : file.path + " ").append("line ").append(line).append(": error: ")
                    .append(diagnostic.getMessage(Locale.ROOT)).append('\n');
            String[] lines = file == null ? new String[0] : file.source.split("\n", -1);
            if (line >= 1 && line <= lines.length) {
                text.append("    ").append(lines[(int) line - 1].strip()).append('\n');
            }
        }
        return text.length() == 0 ? "javac failed without reporting an error" : text.toString().stripTrailing();
    }

    private static String location(Class<?> type) throws HarnessException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new HarnessException(FailureClass.INFRASTRUCTURE, "cannot locate the classes of " + type.getName(),
                    e);
        }
    }

    /** A file at its path; the entry file under its public type's name, as javac requires of a public class. */
    private static final class SourceFile extends SimpleJavaFileObject {

        private final String path;
        private final String source;

        SourceFile(ProgramFile file) {
            super(URI.create("string:///" + (file.path().equals(Program.ENTRY) ? entryName(file.source())
                    : file.path())), Kind.SOURCE);
            this.path = file.path();
            this.source = file.source();
        }

        private static String entryName(String source) {
            Matcher type = PUBLIC_TYPE.matcher(source);
            return (type.find() ? type.group(1) : "Program") + ".java";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static final class MemoryFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, byte[]> classes;

        MemoryFiles(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"),
                    JavaFileObject.Kind.CLASS) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
