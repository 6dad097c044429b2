package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.darwin.events.variant.ProgramFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker writes a program's files where they belong and nowhere else, even if the rules upstream let one by. */
class ProgramFolderTest {

    @TempDir
    Path dir;

    @Test
    void writesEachFileAtItsPath() throws IOException {
        ProgramFolder.write(dir.resolve("files"), List.of(new ProgramFile("model/Gpt.java", "package model;"),
                new ProgramFile("Helpers.java", "class Helpers {}")));

        assertThat(dir.resolve("files/model/Gpt.java")).hasContent("package model;");
        assertThat(dir.resolve("files/Helpers.java")).hasContent("class Helpers {}");
    }

    @Test
    void aSingleFileProgramWritesNoFolder() throws IOException {
        ProgramFolder.write(dir.resolve("files"), List.of());

        assertThat(dir.resolve("files")).doesNotExist();
    }

    @Test
    void aPathThatClimbsOutIsRefusedAndNothingIsWrittenOutside() {
        assertThatThrownBy(() -> ProgramFolder.write(dir.resolve("files"),
                List.of(new ProgramFile("../Escape.java", "class Escape {}"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgramFolder.write(dir.resolve("other"),
                List.of(new ProgramFile("/tmp/Absolute.java", "class Absolute {}"))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(dir.resolve("Escape.java")).doesNotExist();
        assertThat(Path.of("/tmp/Absolute.java")).doesNotExist();
    }

    @Test
    void aFileIsNotWrittenTwice() {
        assertThatThrownBy(() -> ProgramFolder.write(dir.resolve("files"), List.of(
                new ProgramFile("A.java", "class A {}"), new ProgramFile("A.java", "class B {}"))))
                .hasMessageContaining("written twice");

        assertThat(dir.resolve("files/A.java")).hasContent("class A {}");
    }

    @Test
    void theFolderMustBeFreshSoThatNoLinkCanWaitInIt() throws IOException {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path files = Files.createDirectory(dir.resolve("files"));
        Files.createSymbolicLink(files.resolve("model"), outside);

        assertThatThrownBy(() -> ProgramFolder.write(files, List.of(new ProgramFile("model/Gpt.java", "x"))))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(outside).isEmptyDirectory();
    }
}
