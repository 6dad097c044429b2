package ai.darwin.local;

import static ai.darwin.local.TrainingContainment.ALLOW_UNISOLATED;
import static ai.darwin.local.TrainingContainment.DJL_CACHE;
import static ai.darwin.local.TrainingContainment.ISOLATION;
import static ai.darwin.local.TrainingContainment.PROFILES;
import static ai.darwin.local.TrainingContainment.TRAINING;
import static ai.darwin.local.TrainingContainment.WORK_ROOT;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's training workers get the same walls as the Kubernetes pods (no root, no capabilities, no
 * new privileges, a read-only root, writable space only where the worker writes, no secrets, a network with the
 * broker alone, bubblewrap required), and the override files in deploy/docker choose the alternatives without
 * taking any of that away.
 */
class ComposeContainmentTest {

    private static final Path REPOSITORY = KubernetesManifests.REPOSITORY;

    @Test
    void trainingWorkersRunWithoutRootCapabilitiesNewPrivilegesOrAWritableRoot() throws IOException {
        Map<String, Object> training = training(REPOSITORY.resolve("docker-compose.yml"));
        String user = training.get("user").toString();
        assertThat(user).as("a numeric non-root uid").matches("[1-9][0-9]*(:[0-9]+)?");
        assertThat(training.get("read_only")).isEqualTo(true);
        assertThat(strings(training.get("cap_drop"))).contains("ALL");
        assertThat(training).doesNotContainKeys("cap_add", "privileged", "devices", "network_mode", "pid", "ipc");
        assertThat(strings(training.get("security_opt"))).containsAnyOf("no-new-privileges:true",
                "no-new-privileges=true", "no-new-privileges");
        assertThat(training.get("pids_limit")).as("a fork bomb stops at the container").isNotNull();
    }

    @Test
    void trainingWorkersWriteOnlyWhereTheyAreConfiguredToWrite() throws IOException {
        Map<String, Object> training = training(REPOSITORY.resolve("docker-compose.yml"));
        Map<String, Object> environment = map(training.get("environment"));
        Set<String> writable = new HashSet<>();
        strings(training.get("tmpfs")).forEach(tmpfs -> writable.add(tmpfs.split(":")[0]));
        for (String volume : strings(training.get("volumes"))) {
            String[] parts = volume.split(":");
            boolean readOnly = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
            if (!readOnly) {
                writable.add(parts.length == 1 ? parts[0] : parts[1]);
            }
        }
        assertThat(writable).containsExactlyInAnyOrder("/tmp", environment.get(WORK_ROOT).toString(),
                environment.get(DJL_CACHE).toString());
        // the image owns these paths, so that fresh volumes mounted there are writable by its user
        String dockerfile = Files.readString(REPOSITORY.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("chown darwin " + environment.get(DJL_CACHE) + " " + environment.get(WORK_ROOT));
    }

    @Test
    void trainingWorkersReachOnlyTheBrokerAndHoldNoSecrets() throws IOException {
        Map<String, Object> compose = Yamls.load(REPOSITORY.resolve("docker-compose.yml")).get(0);
        Map<String, Object> services = map(compose.get("services"));
        List<String> networks = networks(map(services.get(TRAINING)));
        assertThat(networks).containsExactly("training");
        assertThat(Yamls.at(compose, "networks", "training", "internal")).as("no route out").isEqualTo(true);
        assertThat(services.keySet().stream().filter(name -> networks(map(services.get(name))).contains("training")))
                .containsExactlyInAnyOrder("kafka", TRAINING, "training-service-2", "training-service-3",
                        "training-service-4", // the extra workers are training-service's copies (ComposeDeploymentTest)
                        "jaeger"); // the workers' spans, with the tracing profile (ComposeDeploymentTest)

        Map<String, Object> training = map(services.get(TRAINING));
        assertThat(training).doesNotContainKey("env_file");
        assertThat(map(training.get("environment")).keySet())
                .noneMatch(name -> TrainingContainment.SECRET.matcher(name).find());
    }

    @Test
    void trainingWorkersTrainOnlyInsideBubblewrapUnlessTheUnisolatedOverrideSaysOtherwise() throws IOException {
        Map<String, Object> environment = map(training(REPOSITORY.resolve("docker-compose.yml")).get("environment"));
        assertThat(environment).containsEntry(ISOLATION, "bwrap").containsEntry(ALLOW_UNISOLATED, "false");
        for (Path override : overrides()) {
            Map<String, Object> training = training(override);
            Map<String, Object> changed = training == null || training.get("environment") == null ? Map.of()
                    : map(training.get("environment"));
            boolean unisolated = override.getFileName().toString().equals("compose.unisolated.yml");
            assertThat(changed.get(ISOLATION)).as(override.toString()).isEqualTo(unisolated ? "none" : null);
            assertThat(changed.get(ALLOW_UNISOLATED)).as(override.toString()).isEqualTo(unisolated ? "true" : null);
        }
        // unisolated variants could poison a cache shared with other workers and later runs
        assertThat(strings(training(REPOSITORY.resolve("deploy/docker/compose.unisolated.yml")).get("volumes")))
                .containsExactly(environment.get(DJL_CACHE).toString());
    }

    @Test
    void noOverrideTakesAWallAwayFromTheTrainingWorkers() throws IOException {
        for (Path override : overrides()) {
            Map<String, Object> training = training(override);
            if (training == null) {
                continue;
            }
            assertThat(training).as(override.toString()).doesNotContainKeys("cap_add", "privileged", "user",
                    "network_mode", "networks", "pid", "ipc", "tmpfs");
            assertThat(training.get("read_only")).as(override.toString()).isNotEqualTo(false);
            assertThat(strings(training.get("security_opt"))).as(override.toString())
                    .noneMatch(option -> option.matches("(seccomp|apparmor|label)[=:]unconfined|.*disable.*"));
        }
    }

    @Test
    void theBubblewrapOverridesUseTheProfilesShippedHere() throws IOException {
        List<String> bwrap = strings(training(REPOSITORY.resolve("deploy/docker/compose.bwrap.yml"))
                .get("security_opt"));
        String seccomp = bwrap.stream().filter(option -> option.startsWith("seccomp=")).findFirst().orElseThrow();
        // relative to the project directory, the repository's root
        Path profile = REPOSITORY.resolve(seccomp.substring("seccomp=".length()));
        assertThat(profile).isRegularFile().isEqualTo(PROFILES.resolve(TrainingContainment.SECCOMP_PROFILE));
        // bubblewrap mounts a /proc of its own, which the kernel refuses under a masked one
        assertThat(bwrap).contains("systempaths=unconfined");
        assertThat(strings(training(REPOSITORY.resolve("deploy/docker/compose.bwrap-apparmor.yml"))
                .get("security_opt"))).containsExactly("apparmor=" + TrainingContainment.APPARMOR_PROFILE);
    }

    private static List<Path> overrides() throws IOException {
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("deploy/docker"))) {
            List<Path> overrides = files.filter(file -> file.getFileName().toString().matches("compose\\..*\\.yml"))
                    .sorted().toList();
            assertThat(overrides).isNotEmpty();
            return overrides;
        }
    }

    private static Map<String, Object> training(Path composeFile) throws IOException {
        Object service = Yamls.at(Yamls.load(composeFile).get(0), "services", TRAINING);
        return service == null ? null : map(service);
    }

    private static List<String> networks(Map<String, Object> service) {
        Object networks = service.get("networks");
        if (networks instanceof Map<?, ?> byName) {
            return byName.keySet().stream().map(Object::toString).toList();
        }
        return networks == null ? List.of("default") : strings(networks);
    }
}
