package ai.darwin.training.sandbox;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.training.harness.HarnessConfig;
import java.util.List;
import java.util.Objects;

/**
 * One program to run.
 *
 * @param label          names the private working directory, e.g. the variant id and attempt
 * @param source         the program's entry file, whose public class implements {@code TrainingProgram}
 * @param config         data, budget, seed and evaluation; its corpus must be a local file the child can read
 * @param grantedImports the import catalogue entries a human granted the program's run (VariantProposed's
 *                       grantedImports); the sandbox refuses the program when one is not in the catalogue
 * @param files          the program's other files (VariantProposed's files); the sandbox refuses a layout outside
 *                       the contract's rules ({@code ProgramFiles.problems}) before the child starts
 */
public record SandboxRequest(String label, String source, HarnessConfig config, List<String> grantedImports,
                             List<ProgramFile> files) {

    public SandboxRequest {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
        grantedImports = grantedImports == null ? List.of() : List.copyOf(grantedImports);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A single-file program with the grants of its run. */
    public SandboxRequest(String label, String source, HarnessConfig config, List<String> grantedImports) {
        this(label, source, config, grantedImports, List.of());
    }

    /** A single-file program whose run was granted nothing beyond the training SDK. */
    public SandboxRequest(String label, String source, HarnessConfig config) {
        this(label, source, config, List.of());
    }
}
