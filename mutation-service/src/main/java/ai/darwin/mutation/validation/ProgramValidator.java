package ai.darwin.mutation.validation;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.mutation.program.Program;
import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ImportCatalogue;
import ai.darwin.training.harness.compile.ProgramCompiler;
import ai.darwin.training.harness.compile.ProgramSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a program before it is published: size and layout (the caps of {@link ProgramFiles}), each file's package
 * and imports, that it polls its budget, that it compiles against the training SDK alone and that its bytecode uses
 * only allowed APIs (the harness's own {@link ProgramCompiler} and {@code ForbiddenApiCheck}, so that what passes
 * here also passes on a training worker).
 */
public final class ProgramValidator {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** Packages whose classes a program could pass off as the platform's own. */
    private static final List<String> RESERVED_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun", "ai.djl",
            "ai.darwin");

    private final ImportPolicy imports;
    /**
     * javac is CPU-bound: more compiles than cores at once only delay each of them, and with them the first
     * variant of a generation.
     */
    private final Semaphore compilers = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    public ProgramValidator(ImportPolicy imports) {
        this.imports = imports;
    }

    public ImportPolicy imports() {
        return imports;
    }

    /**
     * @param approvedImports the classes of the import catalogue entries granted to the run: the import check and
     *                        the bytecode check allow them, as the workers do
     * @return the problems, each precise enough to fix; empty when the program may be trained
     */
    public List<String> validate(String source, Set<String> approvedImports) {
        if (source == null || source.isBlank()) {
            return List.of("the program is empty");
        }
        return validate(Program.single(source), approvedImports);
    }

    /**
     * Every file of a program passes the same checks: the caps and the form of each path, that each file declares
     * the package its path names (and no package of the JDK, DJL or Darwin), its imports; then all files compile
     * together and every class passes the bytecode check.
     *
     * @return the problems, each naming its file when the program has several; empty when it may be trained
     */
    public List<String> validate(Program program, Set<String> approvedImports) {
        if (program.entry().isBlank()) {
            return List.of("the program's entry file is empty");
        }
        List<String> problems = new ArrayList<>(ProgramFiles.problems(program.entry(), program.files()));
        if (!problems.isEmpty()) {
            return problems;
        }
        for (ProgramFile file : program.all()) {
            String in = program.files().isEmpty() ? "" : "in " + file.path() + ": ";
            imports.violations(file.source(), approvedImports).forEach(v -> problems.add(in + v));
            if (!file.path().equals(Program.ENTRY)) {
                packageProblem(file).ifPresent(p -> problems.add(in + p));
            }
        }
        if (program.all().stream().noneMatch(f -> f.source().contains("exhausted()")
                || f.source().contains("fractionUsed()"))) {
            problems.add("the program never polls its budget: call ctx.budget().exhausted() before each training "
                    + "step and stop when it is true");
        }
        if (!problems.isEmpty() && !program.files().isEmpty()) {
            // a file in the wrong package would only add javac's confusion to the reasons
            return problems;
        }
        try {
            compilers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted before the compile check");
            return problems;
        }
        try {
            // the worker's own compile and bytecode check, over every file: what passes here passes on a worker
            Map<String, String> files = new LinkedHashMap<>();
            program.files().forEach(f -> files.put(f.path(), f.source()));
            ProgramCompiler.compile(new ProgramSource(program.entry(), files), grants(approvedImports));
        } catch (HarnessException e) {
            problems.add(e.failureClass() + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            problems.add("COMPILE_ERROR: the compiler failed on the program: " + e);
        } finally {
            compilers.release();
        }
        return problems;
    }

    /** The package a file declares must be the one its path names, and none that holds the JDK, DJL or Darwin. */
    static Optional<String> packageProblem(ProgramFile file) {
        Matcher declared = PACKAGE.matcher(file.source());
        String expected = ProgramFiles.packageOf(file.path());
        String actual = declared.find() ? declared.group(1) : "";
        if (RESERVED_PACKAGES.stream().anyMatch(r -> actual.equals(r) || actual.startsWith(r + "."))) {
            return Optional.of("package " + actual + " belongs to the JDK, DJL or Darwin: a program's files live "
                    + "in packages of their own");
        }
        if (!actual.equals(expected)) {
            return Optional.of("the file declares " + (actual.isEmpty() ? "no package" : "package " + actual)
                    + ", but its path puts it in " + (expected.isEmpty() ? "the default package"
                    : "package " + expected) + ": the directories of a path are its package");
        }
        return Optional.empty();
    }

    /** The catalogue entries that hold the granted classes; a name the catalogue does not hold grants nothing. */
    static ApiGrants grants(Set<String> approvedImports) {
        ImportCatalogue catalogue = ImportCatalogue.standard();
        return catalogue.grants(approvedImports.stream().flatMap(name -> catalogue.covering(name).stream())
                .map(ImportCatalogue.Entry::id).collect(Collectors.toSet()));
    }
}
