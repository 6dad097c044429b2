package ai.darwin.training.sandbox;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a program's other files into the child's folder ({@code ChildMain.FILES}), each at its path. The paths come
 * from an event: {@link ProgramFiles#problems} refused every hostile one before this runs, and each is checked again
 * here against the folder it must stay in, so that no rule change upstream can make the worker write elsewhere.
 */
final class ProgramFolder {

    private ProgramFolder() {
    }

    /** @throws IllegalArgumentException for a path that would leave the folder or is not the contract's form */
    static void write(Path folder, List<ProgramFile> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        Path root = Files.createDirectory(folder).toRealPath();
        for (ProgramFile file : files) {
            if (!ProgramFiles.isValidPath(file.path())) {
                throw new IllegalArgumentException("the program's file path is not allowed: " + file.path());
            }
            Path target = root.resolve(file.path()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IllegalArgumentException("the program's file " + file.path() + " would leave its folder");
            }
            Files.createDirectories(target.getParent());
            if (!target.getParent().toRealPath().startsWith(root) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("the program's file " + file.path() + " is written twice or "
                        + "through a link");
            }
            Files.writeString(target, file.source(), StandardCharsets.UTF_8);
        }
    }
}
