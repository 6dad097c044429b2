package ai.darwin.mutation.validation;

import ai.darwin.training.harness.HarnessException;
import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ImportCatalogue;
import ai.darwin.training.harness.compile.ProgramCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Checks a program before it is published: size, imports, that it polls its budget, that it compiles against the
 * training SDK alone and that its bytecode uses only allowed APIs (the harness's own {@link ProgramCompiler}, so that
 * what passes here also passes on a training worker).
 */
public final class ProgramValidator {

    /** Far above any sensible single-file program; a guard against runaway answers. */
    static final int MAX_SOURCE_CHARS = 200_000;

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
        if (source.length() > MAX_SOURCE_CHARS) {
            return List.of("the program has " + source.length() + " characters, more than the " + MAX_SOURCE_CHARS
                    + " allowed");
        }
        List<String> problems = new ArrayList<>(imports.violations(source, approvedImports));
        if (!source.contains("exhausted()") && !source.contains("fractionUsed()")) {
            problems.add("the program never polls its budget: call ctx.budget().exhausted() before each training "
                    + "step and stop when it is true");
        }
        try {
            compilers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted before the compile check");
            return problems;
        }
        try {
            ProgramCompiler.compile(source, grants(approvedImports));
        } catch (HarnessException e) {
            problems.add(e.failureClass() + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            problems.add("COMPILE_ERROR: the compiler failed on the program: " + e);
        } finally {
            compilers.release();
        }
        return problems;
    }

    /** The catalogue entries that hold the granted classes; a name the catalogue does not hold grants nothing. */
    static ApiGrants grants(Set<String> approvedImports) {
        ImportCatalogue catalogue = ImportCatalogue.standard();
        return catalogue.grants(approvedImports.stream().flatMap(name -> catalogue.covering(name).stream())
                .map(ImportCatalogue.Entry::id).collect(Collectors.toSet()));
    }
}
