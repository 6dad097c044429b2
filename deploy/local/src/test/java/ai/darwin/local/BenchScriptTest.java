package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/training-throughput.sh} after {@code ./darwin run}, which packages Darwin's modules but installs
 * none: the script must build through the reactor, never resolve training-service's Darwin dependencies from
 * {@code ~/.m2} alone, and never install. Maven here is a stand-in that answers as Maven does when the local
 * repository lacks Darwin's SNAPSHOTs; no round trains ({@code BENCH_ROUNDS=0}).
 */
class BenchScriptTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    /** Maven without Darwin's modules in the local repository: only a reactor build (-am) can resolve them. */
    private static final String MAVEN = """
            #!/bin/bash
            echo "$*" >> "$MVN_LOG"
            case " $* " in
              *" install "*) echo "install would change the shared ~/.m2"; exit 1 ;;
            esac
            if [[ " $* " == *" -pl training-service "* && " $* " != *" -am "* ]]; then
              echo "[ERROR] Failed to execute goal on project darwin-training-service: Could not resolve dependencies \
            for project ai.darwin:darwin-training-service:jar:0.1.0-SNAPSHOT: The following artifacts could not be \
            resolved: ai.darwin:darwin-training-harness:jar:0.1.0-SNAPSHOT (absent)"
              exit 1
            fi
            for arg in "$@"; do
              case "$arg" in -Dmdep.outputFile=*) echo "/reactor/darwin-training-harness.jar" > "${arg#*=}" ;; esac
            done
            """;

    @TempDir
    Path dir;

    @Test
    void afterDarwinRunTheBenchmarkBuildsThroughTheReactorAndInstallsNothing() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        executable(bin.resolve("mvn"), MAVEN);
        executable(bin.resolve("apt-get"), "#!/bin/sh\necho apt-get was called >&2\nexit 1\n");
        Path python = executable(dir.resolve("python3"), "#!/bin/sh\nexit 0\n");
        Path data = Files.writeString(dir.resolve("corpus.txt"), "To be, or not to be");
        Path log = dir.resolve("mvn.log");

        ProcessBuilder builder = new ProcessBuilder("bash", REPOSITORY.resolve("bench/training-throughput.sh")
                .toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("MVN_LOG", log.toString());
        builder.environment().put("BENCH_ROUNDS", "0");
        builder.environment().put("BENCH_DATA", data.toString());
        builder.environment().put("BENCH_PYTHON", python.toString());
        builder.environment().put("BENCH_OPENBLAS", dir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("Could not resolve dependencies", "apt-get was called");
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).contains("-pl training-service -am package").doesNotContain("install");
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
