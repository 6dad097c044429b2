package ai.darwin.events.generation;

import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.util.List;

/**
 * An agent and the program it carries into a generation (its parent program).
 *
 * @param agentId      stable id of the agent within the run
 * @param variantId    the variant whose program the agent carries
 * @param sourceSha256 the whole program's hash, {@link ProgramFiles#sha256} (of a single file, the SHA-256 of its
 *                     UTF-8 source)
 * @param source       the full Java source of the program's entry file (a single-file program's only file)
 * @param files        the program's other files, as in {@code VariantProposed.files}; absent or empty, a single file
 */
public record AgentProgram(String agentId, String variantId, String sourceSha256, String source,
                           @Nullable List<ProgramFile> files) {

    public AgentProgram {
        Require.text(agentId, "agentId");
        Require.text(variantId, "variantId");
        Require.text(sourceSha256, "sourceSha256");
        Require.text(source, "source");
        if (files != null) {
            files = Require.list(files, "files");
        }
    }

    /** A single-file program. */
    public AgentProgram(String agentId, String variantId, String sourceSha256, String source) {
        this(agentId, variantId, sourceSha256, source, null);
    }

    /** The program's files besides its entry file: empty for a single-file program. */
    public List<ProgramFile> filesOrNone() {
        return ProgramFiles.orNone(files);
    }
}
