package ai.darwin.local;

import static ai.darwin.local.KubernetesManifests.REPOSITORY;
import static ai.darwin.local.KubernetesManifests.containers;
import static ai.darwin.local.KubernetesManifests.podSpec;
import static ai.darwin.local.KubernetesManifests.resource;
import static ai.darwin.local.KubernetesManifests.workloads;
import static ai.darwin.local.Yamls.at;
import static ai.darwin.local.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Kubernetes base as an operator lives with it: scaling, scale-down, evictions and upgrades. */
class KubernetesOperationsTest {

    private static final String TRAINING = TrainingContainment.TRAINING;

    /** With replicas in the Deployment, every kubectl apply would reset KEDA's count. */
    @Test
    void kedaAloneOwnsTheNumberOfTrainingWorkers() throws IOException {
        List<Map<String, Object>> resources = KubernetesManifests.render(List.of());
        Map<String, Object> deployment = resource(resources, "Deployment", TRAINING);
        Map<String, Object> scaled = resource(resources, "ScaledObject", TRAINING);

        assertThat(map(deployment.get("spec"))).doesNotContainKey("replicas");
        assertThat(at(scaled, "spec", "scaleTargetRef", "name")).isEqualTo(TRAINING);
        assertThat(at(scaled, "spec", "minReplicaCount")).isEqualTo(1);
    }

    /** The pod outlives the worker's drain on SIGTERM (hand the variant back, wait for the child), with room. */
    @Test
    void theGracePeriodCoversTheWorkersDrain() throws IOException {
        String worker = Files.readString(REPOSITORY.resolve(
                "training-service/src/main/java/ai/darwin/training/worker/TrainingWorker.java"));
        String drain = worker.substring(worker.indexOf("void drain("));
        Matcher wait = Pattern.compile("TimeUnit\\.SECONDS\\.toNanos\\(([0-9]+)\\)").matcher(drain);
        assertThat(wait.find()).as("the drain's wait in TrainingWorker").isTrue();
        int drainSeconds = Integer.parseInt(wait.group(1));

        Map<String, Object> pod = podSpec(resource(KubernetesManifests.render(List.of()), "Deployment", TRAINING));
        int grace = (Integer) pod.get("terminationGracePeriodSeconds");
        // then the consumer leaves the group and Quarkus stops: give that as long again and more
        assertThat(grace).isGreaterThanOrEqualTo(drainSeconds + 30);
    }

    @Test
    void evictionsTakeOneTrainingWorkerAtATime() throws IOException {
        Map<String, Object> budget = resource(KubernetesManifests.render(List.of()), "PodDisruptionBudget", TRAINING);
        Map<String, Object> deployment = resource(KubernetesManifests.render(List.of()), "Deployment", TRAINING);

        assertThat(at(budget, "spec", "maxUnavailable")).isEqualTo(1);
        assertThat(at(budget, "spec", "selector", "matchLabels"))
                .isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
    }

    @Test
    void theGpuComponentGivesEachWorkerOneGpuOnAGpuNodeWithTheCudaImage() throws IOException {
        Map<String, Object> pod = podSpec(resource(KubernetesManifests.render(List.of("gpu")), "Deployment", TRAINING));
        Map<String, Object> worker = containers(pod).get(0);

        assertThat(at(worker, "resources", "limits", "nvidia.com/gpu")).isEqualTo(1);
        assertThat(map(pod.get("nodeSelector"))).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(Yamls.list(pod.get("tolerations"))).anySatisfy(toleration -> assertThat(map(toleration))
                .containsEntry("key", "nvidia.com/gpu").containsEntry("effect", "NoSchedule"));
        assertThat(KubernetesManifests.environment(worker, "DARWIN_TRAINING_CONCURRENCY")).isEqualTo("1");
        assertThat(worker.get("image").toString()).endsWith("-cuda");
        // the same pod otherwise: the other containers and pods keep their images
        Map<String, Object> base = podSpec(resource(KubernetesManifests.render(List.of()), "Deployment", TRAINING));
        assertThat(pod.get("securityContext")).isEqualTo(base.get("securityContext"));
    }

    /** The MongoDB URI may carry credentials: each service that reads it gets it from a Secret, never a ConfigMap. */
    @Test
    void theMongoUriComesFromASecret() throws IOException {
        List<Map<String, Object>> resources = KubernetesManifests.render(List.of());
        Set<String> readers = new TreeSet<>();
        for (String service : List.of("memory-service", "selection-service", "mutation-service", TRAINING,
                "hitl-service")) {
            if (Files.readString(REPOSITORY.resolve(service + "/src/main/resources/application.properties"))
                    .contains("${MONGODB_URI")) {
                readers.add(service);
            }
        }
        Set<String> given = new TreeSet<>();
        for (Map<String, Object> workload : workloads(resources)) {
            for (Map<String, Object> container : containers(podSpec(workload))) {
                for (Object variable : Yamls.list(container.getOrDefault("env", List.of()))) {
                    if ("MONGODB_URI".equals(map(variable).get("name"))) {
                        assertThat(at(variable, "valueFrom", "secretKeyRef"))
                                .isEqualTo(Map.of("name", "darwin-mongo", "key", "MONGODB_URI"));
                        given.add(at(workload, "metadata", "name").toString());
                    }
                }
            }
        }
        assertThat(readers).isNotEmpty();
        assertThat(given).isEqualTo(readers);
        assertThat(resources).filteredOn(resource -> "ConfigMap".equals(resource.get("kind")))
                .noneSatisfy(configMap -> assertThat(map(configMap.getOrDefault("data", Map.of())))
                        .containsKey("MONGODB_URI"));
        assertThat(map(resource(resources, "Secret", "darwin-mongo").get("data"))).containsKey("MONGODB_URI");
    }

    /** The dashboard can stop runs and has no login: its Ingress reaches hitl-service's port behind authentication. */
    @Test
    void theDashboardIngressReachesTheDashboardBehindAuthentication() throws IOException {
        List<Map<String, Object>> resources = KubernetesManifests.render(List.of("dashboard-ingress"));
        Map<String, Object> ingress = resource(resources, "Ingress", "dashboard");
        Map<String, Object> service = resource(resources, "Service", "hitl-service");
        Map<String, Object> backend = map(at(Yamls.list(at(Yamls.list(at(ingress, "spec", "rules")).get(0), "http",
                "paths")).get(0), "backend", "service"));

        assertThat(backend.get("name")).isEqualTo("hitl-service");
        assertThat(at(backend, "port", "number")).isEqualTo(at(Yamls.list(at(service, "spec", "ports")).get(0), "port"));
        assertThat(map(at(ingress, "metadata", "annotations")))
                .containsEntry("nginx.ingress.kubernetes.io/auth-type", "basic")
                .containsKey("nginx.ingress.kubernetes.io/auth-secret");
        assertThat(KubernetesManifests.render(List.of())).as("opt-in: the base exposes nothing")
                .noneMatch(resource -> "Ingress".equals(resource.get("kind")));
    }

    /** On a real volume: writable to the broker's user, and its log dir away from the volume root's lost+found. */
    @Test
    void theBrokerWritesBelowTheRootOfItsVolume() throws IOException {
        Map<String, Object> pod = podSpec(resource(KubernetesManifests.render(List.of()), "StatefulSet", "kafka"));
        Map<String, Object> broker = containers(pod).get(0);
        String logDirs = KubernetesManifests.environment(broker, "KAFKA_LOG_DIRS");
        String mount = at(Yamls.list(broker.get("volumeMounts")).get(0), "mountPath").toString();

        assertThat(at(pod, "securityContext", "fsGroup")).isEqualTo(at(pod, "securityContext", "runAsGroup"))
                .isNotNull();
        assertThat(logDirs).startsWith(mount + "/").isNotEqualTo(mount + "/");
    }

    /** Darwin's images carry the release the manifests belong to, never latest. */
    @Test
    void imagesArePinnedToTheRelease() throws IOException {
        Matcher version = Pattern.compile("<version>([^<]+)</version>")
                .matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        String release = version.group(1).replace("-SNAPSHOT", "");

        for (Map<String, Object> workload : workloads(KubernetesManifests.render(List.of()))) {
            for (Map<String, Object> container : containers(podSpec(workload))) {
                String image = container.get("image").toString();
                assertThat(image).as("image of %s", at(workload, "metadata", "name")).contains(":")
                        .doesNotEndWith(":latest");
                if (image.startsWith("darwin/")) {
                    assertThat(image).endsWith(":" + release);
                }
            }
        }
    }
}
