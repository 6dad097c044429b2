package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./darwin run} on a machine where bubblewrap is missing and cannot be installed (no apt-get on the PATH),
 * or is installed but cannot build a sandbox: it stops before it builds anything, naming the package and the
 * opt-out.
 */
class DarwinScriptTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path bin;

    /** A PATH with only what the script's first lines need: no bwrap, apt-get, sudo, java or mvn. */
    private void minimalPath() throws IOException {
        for (String tool : new String[] {"bash", "dirname", "id", "env", "cat"}) {
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                Path real = Path.of(dir, tool);
                if (Files.isExecutable(real) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), real);
                }
            }
        }
    }

    private String runDarwin(int expectedExit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("bash").toString(),
                REPOSITORY.resolve("darwin").toString(), "run").redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
        return output;
    }

    @Test
    void withoutBubblewrapItStopsAndNamesThePackageAndTheOptOut() throws IOException, InterruptedException {
        minimalPath();

        String output = runDarwin(1);

        assertThat(output).contains("bubblewrap is not installed", "apt-get install bubblewrap",
                "./darwin run --allow-unisolated").doesNotContain("Building Darwin");
    }

    @Test
    void aBubblewrapThatCannotBuildASandboxStopsItToo() throws IOException, InterruptedException {
        minimalPath();
        Path denied = Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\necho 'bwrap: No permissions' >&2\nexit 1\n");
        Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("rwxr-xr-x"));

        String output = runDarwin(1);

        assertThat(output).contains("cannot create its namespaces", "--allow-unisolated");
    }
}
