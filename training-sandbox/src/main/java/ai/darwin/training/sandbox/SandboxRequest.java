package ai.darwin.training.sandbox;

import ai.darwin.training.harness.HarnessConfig;
import java.util.Objects;

/**
 * One program to run.
 *
 * @param label  names the private working directory, e.g. the variant id and attempt
 * @param source the program's Java source
 * @param config data, budget, seed and evaluation; its corpus must be a local file the child can read
 */
public record SandboxRequest(String label, String source, HarnessConfig config) {

    public SandboxRequest {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
    }
}
