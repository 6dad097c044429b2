package ai.darwin.memory.query;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A stored proposal's program as its files: path to source, the entry file first (as {@link #ENTRY}), then the
 * program's other files ({@code VariantProposed.files}) sorted by path, as they were stored: whether a path is
 * allowed is for each reader to ask ({@link ProgramFiles#isValidPath}). A single-file program is its entry alone.
 */
public final class ProgramSources {

    /** Where the entry file stands in exports and diffs: the class that implements TrainingProgram, in any name. */
    public static final String ENTRY = ProgramFiles.ENTRY_PATH;

    private ProgramSources() {
    }

    /** @return the files, or an empty map for a variant whose proposal has not arrived */
    public static Map<String, String> of(Document proposal) {
        Map<String, String> files = new LinkedHashMap<>();
        if (proposal == null || proposal.getString("source") == null) {
            return files;
        }
        files.put(ENTRY, proposal.getString("source"));
        // the entry keeps its place should another file claim its path; the harness refuses such a program anyway
        proposal.getList("files", Document.class, List.of()).stream()
                .filter(f -> f.getString("path") != null && f.getString("source") != null)
                .sorted(Comparator.comparing(f -> f.getString("path")))
                .forEach(f -> files.putIfAbsent(f.getString("path"), f.getString("source")));
        return files;
    }

    /** The same files as {@link ProgramFile}s, the entry first as {@link #ENTRY}. */
    public static List<ProgramFile> list(Document proposal) {
        return of(proposal).entrySet().stream().map(f -> new ProgramFile(f.getKey(), f.getValue())).toList();
    }
}
