package ai.darwin.training.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a child sees of the file system inside bubblewrap, besides the system's libraries: each path at its own
 * place, so that the command line, the classpath and the configuration name the same files inside and out.
 *
 * @param readOnly the JDK, the classpath, DJL's cache for a variant, the corpus
 * @param writable the private working directory; DJL's cache too for the worker's calibration child
 * @param workDir  where the child starts
 */
record ChildMounts(List<Path> readOnly, List<Path> writable, Path workDir) {

    ChildMounts {
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
        Objects.requireNonNull(workDir, "workDir");
    }
}
