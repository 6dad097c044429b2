package ai.darwin.selection.run;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.VariantProposed;
import java.util.List;

/**
 * A variant's whole program as selection hands it on: its entry file and its other files. Selection passes a parent
 * on to its mutator and re-trains a champion unchanged, and both need every file: an entry without its files would
 * not compile.
 *
 * @param source the entry file
 * @param files  the other files, empty for a single-file program
 */
record Program(String source, List<ProgramFile> files) {

    Program {
        files = List.copyOf(ProgramFiles.orNone(files));
    }

    static Program of(VariantProposed proposal) {
        return new Program(proposal.source(), proposal.filesOrNone());
    }

    /** The whole program's hash, the {@code sourceSha256} of every event that carries it. */
    String sha256() {
        return ProgramFiles.sha256(source, files);
    }

    /** The files as events carry them: absent for a single-file program, so that its events read as before. */
    List<ProgramFile> filesOrAbsent() {
        return files.isEmpty() ? null : files;
    }
}
