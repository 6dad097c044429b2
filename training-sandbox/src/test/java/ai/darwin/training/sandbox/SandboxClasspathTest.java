package ai.darwin.training.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A packaged worker finds the child's jars wherever Maven and the image put them, and says how to fix it if not. */
class SandboxClasspathTest {

    @TempDir
    Path root;

    @Test
    void aWorkerBuiltByMavenFindsTargetSandboxLibFromItsQuarkusApp() throws IOException {
        Path target = root.resolve("training-service/target");
        Path jar = jar(target.resolve("quarkus-app/lib/main/ai.darwin.darwin-training-sandbox-0.1.0-SNAPSHOT.jar"));
        Files.createDirectories(target.resolve(SandboxClasspath.FOLDER));

        assertThat(SandboxClasspath.locate(Optional.empty(), jar)).isEqualTo(target.resolve(SandboxClasspath.FOLDER));
    }

    @Test
    void theImageFindsAppSandboxLibNextToItsQuarkusApp() throws IOException {
        Path app = root.resolve("app");
        Path jar = jar(app.resolve("quarkus-app/lib/main/ai.darwin.darwin-training-sandbox-0.1.0-SNAPSHOT.jar"));
        Files.createDirectories(app.resolve(SandboxClasspath.FOLDER));

        assertThat(SandboxClasspath.locate(Optional.empty(), jar)).isEqualTo(app.resolve(SandboxClasspath.FOLDER));
    }

    @Test
    void aConfiguredFolderWins() throws IOException {
        Path jar = jar(root.resolve("app/quarkus-app/lib/main/sandbox.jar"));
        Files.createDirectories(root.resolve("app").resolve(SandboxClasspath.FOLDER));

        assertThat(SandboxClasspath.locate(Optional.of(root.resolve("elsewhere")), jar))
                .isEqualTo(root.resolve("elsewhere"));
    }

    @Test
    void noFolderNearbyIsAnErrorThatSaysHowToFixIt() throws IOException {
        Path jar = jar(root.resolve("a/b/c/d/e/sandbox.jar"));
        Files.createDirectories(root.resolve(SandboxClasspath.FOLDER));

        assertThatThrownBy(() -> SandboxClasspath.locate(Optional.empty(), jar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("darwin.training.sandbox.lib-dir");
    }

    private static Path jar(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.createFile(path);
    }
}
