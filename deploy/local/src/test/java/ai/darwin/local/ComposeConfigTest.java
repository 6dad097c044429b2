package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose itself (Debian's docker-compose 1.29, which .ci/run installs; `config` needs no Docker engine)
 * accepts docker-compose.yml alone, with each override of deploy/docker, and with all of them and every profile.
 */
class ComposeConfigTest {

    private static final Path REPOSITORY = KubernetesManifests.REPOSITORY;

    @Test
    void dockerComposeAcceptsTheFileAndEveryOverride() throws Exception {
        assumeTrue(dockerCompose(List.of("version")).exitCode() == 0,
                "SKIPPED: no docker-compose here; apt-get install docker-compose (.ci/run does) to check the files");
        List<String> overrides;
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("deploy/docker"))) {
            overrides = files.map(path -> REPOSITORY.relativize(path).toString())
                    .filter(name -> name.matches(".*/compose\\..*\\.yml")).sorted().toList();
        }
        assertThat(overrides).contains("deploy/docker/compose.gpu.yml", "deploy/docker/compose.bwrap.yml");

        check(List.of());
        for (String override : overrides) {
            check(List.of(override));
        }
        check(List.of("deploy/docker/compose.bwrap.yml", "deploy/docker/compose.gpu.yml"));
    }

    /** A file docker-compose rejects fails this check: it is not vacuous. */
    @Test
    void aBrokenOverrideIsRejected() throws Exception {
        assumeTrue(dockerCompose(List.of("version")).exitCode() == 0, "SKIPPED: no docker-compose here");
        Path broken = Files.createTempFile(REPOSITORY.resolve("deploy/local/target"), "compose.broken", ".yml");
        try {
            Files.writeString(broken, "services:\n  training-service:\n    mem_limit: [not, a, size]\n");
            Result result = config(List.of(REPOSITORY.relativize(broken).toString()));
            assertThat(result.exitCode()).as(result.output()).isNotZero();
        } finally {
            Files.delete(broken);
        }
    }

    private static void check(List<String> overrides) throws Exception {
        Result result = config(overrides);
        assertThat(result.exitCode()).as("docker-compose config with %s said:%n%s", overrides, result.output())
                .isZero();
    }

    private static Result config(List<String> overrides) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-f", "docker-compose.yml"));
        overrides.forEach(override -> arguments.addAll(List.of("-f", override)));
        arguments.addAll(List.of("config", "-q"));
        return dockerCompose(arguments);
    }

    private static Result dockerCompose(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true);
        // every profile, so that the extra workers are checked too
        builder.environment().put("COMPOSE_PROFILES", "worker-2,worker-3,worker-4");
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(127, notInstalled.getMessage());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 60 s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
