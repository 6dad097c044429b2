package ai.darwin.training.harness.sandbox;

import ai.darwin.training.harness.compile.ApiGrants;
import ai.darwin.training.harness.compile.ImportCatalogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The import catalogue entries a human granted the program's run, as the file {@value #FILE} the child reads: one
 * entry id a line, absent when nothing was granted. The child resolves them in its own copy of the catalogue, so a
 * worker that wrote an id from outside it gets a refusal, not a wider check.
 */
public final class ChildGrants {

    public static final String FILE = "grants.txt";

    private ChildGrants() {
    }

    /** Writes the ids, or nothing when there are none. */
    public static void write(Collection<String> ids, Path workDir) throws IOException {
        if (!ids.isEmpty()) {
            Files.write(workDir.resolve(FILE), ids, StandardCharsets.UTF_8);
        }
    }

    /**
     * @return the grants, {@link ApiGrants#NONE} without the file
     * @throws IllegalArgumentException for an id the catalogue does not hold
     */
    public static ApiGrants read(Path workDir) throws IOException {
        Path file = workDir.resolve(FILE);
        if (!Files.exists(file)) {
            return ApiGrants.NONE;
        }
        List<String> ids = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(id -> !id.isEmpty()).toList();
        return ImportCatalogue.standard().grants(ids);
    }
}
