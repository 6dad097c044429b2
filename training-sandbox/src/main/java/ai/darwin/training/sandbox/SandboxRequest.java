package ai.darwin.training.sandbox;

import ai.darwin.training.harness.HarnessConfig;
import java.util.List;
import java.util.Objects;

/**
 * One program to run.
 *
 * @param label          names the private working directory, e.g. the variant id and attempt
 * @param source         the program's Java source
 * @param config         data, budget, seed and evaluation; its corpus must be a local file the child can read
 * @param grantedImports the import catalogue entries a human granted the program's run (VariantProposed's
 *                       grantedImports); the sandbox refuses the program when one is not in the catalogue
 */
public record SandboxRequest(String label, String source, HarnessConfig config, List<String> grantedImports) {

    public SandboxRequest {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
        grantedImports = grantedImports == null ? List.of() : List.copyOf(grantedImports);
    }

    /** A program whose run was granted nothing beyond the training SDK. */
    public SandboxRequest(String label, String source, HarnessConfig config) {
        this(label, source, config, List.of());
    }
}
