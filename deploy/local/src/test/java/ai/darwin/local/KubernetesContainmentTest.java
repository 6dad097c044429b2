package ai.darwin.local;

import static ai.darwin.local.KubernetesManifests.containers;
import static ai.darwin.local.KubernetesManifests.effective;
import static ai.darwin.local.KubernetesManifests.environment;
import static ai.darwin.local.KubernetesManifests.podSpec;
import static ai.darwin.local.KubernetesManifests.render;
import static ai.darwin.local.KubernetesManifests.resource;
import static ai.darwin.local.TrainingContainment.ALLOW_UNISOLATED;
import static ai.darwin.local.TrainingContainment.DJL_CACHE;
import static ai.darwin.local.TrainingContainment.ISOLATION;
import static ai.darwin.local.TrainingContainment.PROFILES;
import static ai.darwin.local.TrainingContainment.TRAINING;
import static ai.darwin.local.TrainingContainment.WORK_ROOT;
import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The training pods, which run hostile code, are contained in every configuration an operator can select (the
 * base, and the base with any of components/): no root, no capabilities, no privilege escalation, a known seccomp
 * profile, a read-only root, no service-account token, writable space only where the worker writes, and
 * bubblewrap unless the operator explicitly chose otherwise. Rendered offline by {@link Kustomize}.
 */
class KubernetesContainmentTest {

    @Test
    void trainingPodsRunWithoutRootCapabilitiesOrAWritableRootInEveryConfiguration() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            Map<String, Object> pod = podSpec(resource(render(components), "Deployment", TRAINING));
            for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
                assertThat(pod.get(hostNamespace)).as(components + " " + hostNamespace).isNotEqualTo(true);
            }
            for (Map<String, Object> container : containers(pod)) {
                String where = components + " " + container.get("name");
                assertThat(effective(pod, container, "runAsNonRoot")).as(where + " runAsNonRoot").isEqualTo(true);
                assertThat(effective(pod, container, "runAsUser")).as(where + " runAsUser").isNotEqualTo(0);
                Map<String, Object> context = map(container.get("securityContext"));
                assertThat(context.get("privileged")).as(where + " privileged").isNotEqualTo(true);
                assertThat(context.get("allowPrivilegeEscalation")).as(where + " allowPrivilegeEscalation")
                        .isEqualTo(false);
                assertThat(context.get("readOnlyRootFilesystem")).as(where + " readOnlyRootFilesystem")
                        .isEqualTo(true);
                assertThat(strings(Yamls.at(context, "capabilities", "drop"))).as(where + " drops").contains("ALL");
                assertThat(strings(Yamls.at(context, "capabilities", "add"))).as(where + " adds").isEmpty();
                assertKnownSeccompProfile(where, map(effective(pod, container, "seccompProfile")));
            }
        }
    }

    @Test
    void theBaseRunsTheTrainingPodsUnderTheRuntimesDefaultSeccompProfile() throws IOException {
        Map<String, Object> pod = podSpec(resource(render(List.of()), "Deployment", TRAINING));
        for (Map<String, Object> container : containers(pod)) {
            assertThat(Yamls.at(effective(pod, container, "seccompProfile"), "type")).isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void trainingPodsMountNoServiceAccountTokenAndTheirAccountHasNoRoles() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            List<Map<String, Object>> resources = render(components);
            Map<String, Object> pod = podSpec(resource(resources, "Deployment", TRAINING));
            assertThat(pod.get("automountServiceAccountToken")).as(components.toString()).isEqualTo(false);
            Object account = pod.get("serviceAccountName");
            assertThat(account).as("a dedicated account, not the namespace's default").isEqualTo(TRAINING);
            assertThat(resource(resources, "ServiceAccount", TRAINING).get("automountServiceAccountToken"))
                    .isEqualTo(false);
            for (Map<String, Object> binding : resources) {
                if (List.of("RoleBinding", "ClusterRoleBinding").contains(binding.get("kind"))) {
                    assertThat(list(binding.getOrDefault("subjects", List.of())).stream().map(Yamls::map)
                            .map(subject -> subject.get("name"))).as("roles of " + account).doesNotContain(account);
                }
            }
            assertThat(volumes(pod).stream().map(volume -> Yamls.at(volume, "projected", "sources")))
                    .as("no projected token").allMatch(sources -> sources == null
                            || list(sources).stream().noneMatch(s -> map(s).containsKey("serviceAccountToken")));
        }
    }

    @Test
    void theWorkerWritesOnlyToEmptyDirsWhereItIsConfiguredToWrite() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            Map<String, Object> pod = podSpec(resource(render(components), "Deployment", TRAINING));
            Map<String, Map<String, Object>> volumes = new HashMap<>();
            volumes(pod).forEach(volume -> volumes.put(volume.get("name").toString(), volume));
            // scratch space only: nothing of the node's, nothing shared with other pods
            assertThat(volumes.values()).as(components + " volumes").allSatisfy(volume ->
                    assertThat(volume.keySet()).containsExactlyInAnyOrder("name", "emptyDir"));
            for (Map<String, Object> container : containers(pod)) {
                Set<String> writable = new HashSet<>();
                for (Object entry : list(container.getOrDefault("volumeMounts", List.of()))) {
                    Map<String, Object> mount = map(entry);
                    if (!Boolean.TRUE.equals(mount.get("readOnly"))) {
                        writable.add(mount.get("mountPath").toString());
                        Map<String, Object> volume = volumes.get(mount.get("name").toString());
                        assertThat(volume).as(components + " " + mount.get("mountPath") + " is an emptyDir")
                                .containsKey("emptyDir");
                        assertThat(Yamls.at(volume, "emptyDir", "sizeLimit")).as("its size is bounded").isNotNull();
                    }
                }
                assertThat(writable).as(components + " writable places")
                        .containsExactlyInAnyOrder("/tmp", environment(container, WORK_ROOT),
                                environment(container, DJL_CACHE));
            }
        }
        // the variables name the settings the worker really reads: DARWIN_TRAINING_SANDBOX_WORK_ROOT is
        // darwin.training.sandbox.work-root, TrainingConfig.Sandbox.workRoot()
        String config = Files.readString(KubernetesManifests.REPOSITORY.resolve(
                "training-service/src/main/java/ai/darwin/training/config/TrainingConfig.java"));
        for (String variable : List.of(WORK_ROOT, DJL_CACHE)) {
            assertThat(config).as(variable).contains("Optional<Path> " + sandboxSetting(variable) + "()");
        }
    }

    @Test
    void trainingPodsTrainOnlyInsideBubblewrapUnlessTheUnisolatedComponentSaysOtherwise() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            Map<String, Object> container = containers(podSpec(resource(render(components), "Deployment",
                    TRAINING))).get(0);
            boolean unisolated = components.contains("unisolated");
            assertThat(environment(container, ISOLATION)).as(components.toString())
                    .isEqualTo(unisolated ? "none" : "bwrap");
            assertThat(environment(container, ALLOW_UNISOLATED)).as(components.toString())
                    .isEqualTo(Boolean.toString(unisolated));
        }
    }

    @Test
    void theGvisorComponentRunsOnlyTheTrainingPodsOnGvisor() throws IOException {
        List<Map<String, Object>> resources = render(List.of("gvisor"));
        assertThat(podSpec(resource(resources, "Deployment", TRAINING)).get("runtimeClassName")).isEqualTo("gvisor");
        KubernetesManifests.workloads(resources).stream().filter(workload -> workload != resource(resources,
                "Deployment", TRAINING)).forEach(workload -> assertThat(podSpec(workload)).doesNotContainKey(
                "runtimeClassName"));
    }

    @Test
    void theBwrapSeccompComponentGivesBubblewrapItsProfileAnUnmaskedProcAndAUserNamespace() throws IOException {
        Map<String, Object> pod = podSpec(resource(render(List.of("bwrap-seccomp")), "Deployment", TRAINING));
        Map<String, Object> container = containers(pod).get(0);
        assertThat(map(effective(pod, container, "seccompProfile")))
                .containsEntry("type", "Localhost")
                .containsEntry("localhostProfile", "profiles/" + TrainingContainment.SECCOMP_PROFILE);
        // an unmasked /proc only in the pod's own user namespace (the API requires it)
        assertThat(Yamls.at(container, "securityContext", "procMount")).isEqualTo("Unmasked");
        assertThat(pod.get("hostUsers")).isEqualTo(false);
    }

    @Test
    void theBwrapAppArmorComponentUsesTheProfileShippedHere() throws IOException {
        Map<String, Object> container = containers(podSpec(resource(render(List.of("bwrap-apparmor")),
                "Deployment", TRAINING))).get(0);
        assertThat(map(Yamls.at(container, "securityContext", "appArmorProfile")))
                .containsEntry("type", "Localhost")
                .containsEntry("localhostProfile", TrainingContainment.APPARMOR_PROFILE);
    }

    @Test
    void componentsChangeOnlyTheTrainingWorkers() throws IOException {
        List<Map<String, Object>> base = render(List.of());
        for (String component : KubernetesManifests.components()) {
            List<Map<String, Object>> changed = new ArrayList<>(render(List.of(component)));
            changed.removeAll(base);
            assertThat(changed).as(component).allSatisfy(resource -> {
                String name = map(resource.get("metadata")).get("name").toString();
                assertThat(resource.get("kind") + "/" + name).as(component)
                        // dashboard-ingress adds the dashboard's Ingress, monitoring its ServiceMonitor and dashboard
                        .matches("Deployment/training-service|NetworkPolicy/training-.*|Ingress/dashboard"
                                + "|ServiceMonitor/darwin-services|ConfigMap/darwin-grafana-dashboard");
            });
        }
    }

    @Test
    void everyResourceIsInDarwinsNamespace() throws IOException {
        for (List<String> components : KubernetesManifests.everyCombination()) {
            for (Map<String, Object> resource : render(components)) {
                if (!"Namespace".equals(resource.get("kind"))) {
                    assertThat(map(resource.get("metadata")).get("namespace"))
                            .as(components + " " + resource.get("kind") + " " + Yamls.at(resource, "metadata", "name"))
                            .isEqualTo(KubernetesManifests.NAMESPACE);
                }
            }
        }
    }

    private static void assertKnownSeccompProfile(String where, Map<String, Object> profile) {
        assertThat(profile.get("type")).as(where + " seccomp").isIn("RuntimeDefault", "Localhost");
        if ("Localhost".equals(profile.get("type"))) {
            // a profile shipped here, under the kubelet's seccomp root as components/bwrap-seccomp says
            String path = profile.get("localhostProfile").toString();
            assertThat(path).as(where).startsWith("profiles/");
            assertThat(PROFILES.resolve(path.substring("profiles/".length()))).as(where).isRegularFile();
        }
    }

    private static String sandboxSetting(String variable) {
        String[] words = variable.substring("DARWIN_TRAINING_SANDBOX_".length()).toLowerCase().split("_");
        StringBuilder method = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            method.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return method.toString();
    }

    private static List<Map<String, Object>> volumes(Map<String, Object> pod) {
        return list(pod.getOrDefault("volumes", List.of())).stream().map(Yamls::map).toList();
    }
}
