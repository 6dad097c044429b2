package ai.darwin.hitl.dashboard;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The files of a program besides its entry, as the dashboard keeps them: sorted by path, their sources sharing one
 * budget of characters (the entry file has its own), so that a proposal of many large files cannot fill a variant's
 * document; the files past the budget or past the contract's count are left out and counted.
 *
 * @param kept    each kept file as {@code {path, source}}, its source clipped where the budget ran out
 * @param leftOut how many files were not kept
 */
record KeptFiles(List<Document> kept, int leftOut) {

    /** A path is a few dozen characters (ProgramFiles' rule); one off the bus is cut well before it matters. */
    static final int PATH_CHARS = 200;

    static KeptFiles of(List<ProgramFile> files, int budget) {
        List<Document> kept = new ArrayList<>();
        int left = budget;
        for (ProgramFile file : ProgramFiles.sorted(files)) {
            if (left <= 0 || kept.size() >= ProgramFiles.MAX_FILES - 1) {
                break;
            }
            String source = DashboardProjection.clip(file.source(), left);
            left -= source.length();
            kept.add(new Document("path", DashboardProjection.clip(file.path(), PATH_CHARS)).append("source", source));
        }
        return new KeptFiles(kept, files.size() - kept.size());
    }
}
