package ai.darwin.local;

import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.load;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/kubernetes agree with the services they run: ports, the settings each service reads
 * from its environment, single instances where a service uses static group membership, no secrets for the training
 * workers, and autoscaling on the consumer group and topic the workers really use. No Docker engine or cluster runs
 * here; `docker-compose config` and `kubectl kustomize` validate the files' syntax (see deploy/README.md), this test
 * their meaning.
 */
class DeploymentManifestsTest {

    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    private static final List<String> SERVICES = List.of("memory-service", "selection-service", "mutation-service",
            "training-service", "hitl-service");

    @Test
    void composeRunsEveryServiceOnItsPortWithTheSettingsItReads() throws IOException {
        Map<String, Object> services = map(load(REPOSITORY.resolve("docker-compose.yml")).get(0).get("services"));
        for (String name : SERVICES) {
            Properties properties = properties(name);
            Map<String, Object> service = map(services.get(name));
            assertThat(map(map(service.get("build")).get("args")).get("SERVICE")).as(name).isEqualTo(name);
            String port = properties.getProperty("quarkus.http.port");
            List<String> published = new ArrayList<>();
            for (String mapping : strings(service.get("ports"))) {
                assertThat(mapping).as(name + " is published on loopback unless DARWIN_BIND says otherwise")
                        .startsWith("${DARWIN_BIND:-127.0.0.1}:");
                published.add(mapping.substring(mapping.indexOf("}:") + 2, mapping.lastIndexOf(':')));
                assertThat(mapping).endsWith(":" + port);
            }
            published.addAll(strings(service.get("expose")));
            assertThat(published).as(name + " port").containsExactly(port);
            assertThat(strings(map(service.get("healthcheck")).get("test"))).as(name + " healthcheck")
                    .contains("http://localhost:" + port + "/q/health/ready");
            assertThat(service.get("mem_limit")).as(name + " memory limit, which its heap is sized from").isNotNull();

            Map<String, Object> environment = map(service.get("environment"));
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            assertThat(environment.containsKey("MONGODB_URI")).as(name + " MONGODB_URI")
                    .isEqualTo(reads(properties, "MONGODB_URI"));
            assertThat(environment.containsKey("DARWIN_INSTANCE")).as(name + " DARWIN_INSTANCE")
                    .isEqualTo(reads(properties, "DARWIN_INSTANCE"));
            assertThat(environment.keySet().stream().anyMatch(key -> key.startsWith("OPENAI_")))
                    .as(name + " receives the LLM's secrets").isEqualTo(name.equals("mutation-service"));
        }
        for (String name : List.of("selection-service", "memory-service", "hitl-service")) {
            Map<String, Object> service = map(services.get(name));
            assertThat(map(service.get("environment")).get("DARWIN_JWT_PUBLIC_KEY_LOCATION")).as(name)
                    .isEqualTo("/run/darwin/jwt-public.pem");
            assertThat(strings(service.get("volumes"))).as(name)
                    .contains("${DARWIN_JWT_PUBLIC_KEY:-./.darwin/security/jwt-public.pem}:/run/darwin/jwt-public.pem:ro");
        }
        Map<String, Object> mutation = map(map(services.get("mutation-service")).get("environment"));
        assertThat(mutation.get("DARWIN_MEMORY_URL"))
                .isEqualTo("http://memory-service:" + properties("memory-service").getProperty("quarkus.http.port"));
        assertThat(strings(map(services.get("topics")).get("command"))).containsSequence("--bootstrap", "kafka:9092");
    }

    @Test
    void theGpuOverlayGivesTheTrainingWorkersCudaLibtorchAndAGpu() throws IOException {
        Map<String, Object> training = map(map(load(REPOSITORY.resolve("deploy/docker/compose.gpu.yml")).get(0)
                .get("services")).get("training-service"));
        assertThat(map(map(training.get("build")).get("args")).get("TORCH_NATIVE").toString())
                .startsWith("pytorch-native-cu");
        Map<String, Object> device = map(list(map(map(map(training.get("deploy")).get("resources"))
                .get("reservations")).get("devices")).get(0));
        assertThat(device.get("driver")).isEqualTo("nvidia");
        assertThat(strings(device.get("capabilities"))).contains("gpu");
        // the Dockerfile passes the flavour on to the build of the sandbox classpath
        String dockerfile = Files.readString(REPOSITORY.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("-Dsandbox.torch.native=\"$TORCH_NATIVE\"");
        assertThat(Files.readString(REPOSITORY.resolve("training-service/pom.xml")))
                .contains("<artifactId>${sandbox.torch.native}</artifactId>");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = load(KUBERNETES.resolve("kustomization.yaml")).get(0);
        List<String> files;
        try (Stream<Path> listed = Files.list(KUBERNETES)) {
            files = listed.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(strings(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(files);
        assertThat(strings(map(list(kustomization.get("configMapGenerator")).get(0)).get("literals")))
                .noneMatch(literal -> literal.startsWith("MONGODB_URI="))
                .contains("KAFKA_BOOTSTRAP_SERVERS=kafka:9092",
                        "DARWIN_MEMORY_URL=http://memory-service:"
                                + properties("memory-service").getProperty("quarkus.http.port"));
    }

    @Test
    void eachServiceRunsOnItsPortWithProbesAndSingletonsStaySingle() throws IOException {
        for (String name : SERVICES) {
            Properties properties = properties(name);
            int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
            Map<String, Map<String, Object>> byKind = byKind(load(KUBERNETES.resolve(name + ".yaml")));
            Map<String, Object> service = map(byKind.get("Service").get("spec"));
            assertThat(map(list(service.get("ports")).get(0)).get("port")).as(name).isEqualTo(port);

            Map<String, Object> deployment = map(byKind.get("Deployment").get("spec"));
            Map<String, Object> container = map(list(map(map(deployment.get("template")).get("spec"))
                    .get("containers")).get(0));
            assertThat(container.get("image")).isEqualTo("darwin/" + name);
            assertThat(map(list(container.get("ports")).get(0)).get("containerPort")).as(name).isEqualTo(port);
            Map<String, Object> readiness = map(map(container.get("readinessProbe")).get("httpGet"));
            assertThat(readiness.get("path")).isEqualTo("/q/health/ready");
            assertThat(readiness.get("port")).as(name).isEqualTo(port);

            boolean staticMembership = properties.stringPropertyNames().stream()
                    .anyMatch(key -> key.endsWith("group.instance.id"));
            if (staticMembership) {
                // two instances with one group.instance.id would fence each other off
                assertThat(deployment.get("replicas")).as(name).isEqualTo(1);
                assertThat(map(deployment.get("strategy")).get("type")).as(name).isEqualTo("Recreate");
                assertThat(environmentNames(container)).as(name).contains("DARWIN_INSTANCE");
            }
            boolean secrets = list(container.getOrDefault("envFrom", List.of())).stream()
                    .anyMatch(source -> map(source).containsKey("secretRef"));
            assertThat(secrets).as(name + " receives secrets").isEqualTo(name.equals("mutation-service"));
        }
    }

    /**
     * Every service, the training workers included, reads the collector's address from darwin-config (its whole
     * config, or for the workers, which get nothing else of it but the broker's address, that one key);
     * KubernetesNetworkPoliciesTest holds the egress to the collector that goes with it.
     */
    @Test
    void everyServiceAndTrainingWorkerExportsItsSpansToTheCollectorThatDarwinConfigNames() throws IOException {
        for (String name : SERVICES) {
            Map<String, Object> deployment = map(byKind(load(KUBERNETES.resolve(name + ".yaml"))).get("Deployment")
                    .get("spec"));
            Map<String, Object> container = map(list(map(map(deployment.get("template")).get("spec"))
                    .get("containers")).get(0));
            boolean wholeConfig = list(container.getOrDefault("envFrom", List.of())).stream()
                    .anyMatch(source -> "darwin-config".equals(Yamls.at(source, "configMapRef", "name")));
            boolean collectorKey = list(container.getOrDefault("env", List.of())).stream().map(e -> map(e))
                    .anyMatch(e -> "OTEL_EXPORTER_OTLP_ENDPOINT".equals(e.get("name"))
                            && "darwin-config".equals(Yamls.at(e, "valueFrom", "configMapKeyRef", "name"))
                            && "OTEL_EXPORTER_OTLP_ENDPOINT".equals(Yamls.at(e, "valueFrom", "configMapKeyRef", "key")));
            assertThat(wholeConfig || collectorKey).as(name).isTrue();
            assertThat(wholeConfig).as(name + " gets all of darwin-config").isEqualTo(!name.equals("training-service"));
        }
        assertThat(strings(map(list(load(KUBERNETES.resolve("kustomization.yaml")).get(0).get("configMapGenerator"))
                .get(0)).get("literals"))).anyMatch(literal -> literal.startsWith("OTEL_EXPORTER_OTLP_ENDPOINT="));
    }

    @Test
    void trainingWorkersScaleOnTheLagOfTheGroupAndTopicTheyConsume() throws IOException {
        Properties training = properties("training-service");
        Map<String, Object> scaled = map(byKind(load(KUBERNETES.resolve("training-autoscaling.yaml")))
                .get("ScaledObject").get("spec"));
        assertThat(map(scaled.get("scaleTargetRef")).get("name")).isEqualTo("training-service");
        Map<String, Object> trigger = map(list(scaled.get("triggers")).get(0));
        assertThat(trigger.get("type")).isEqualTo("kafka");
        Map<String, Object> metadata = map(trigger.get("metadata"));
        assertThat(metadata.get("consumerGroup")).isEqualTo(training.getProperty("mp.messaging.incoming.variants.group.id"));
        assertThat(metadata.get("topic")).isEqualTo(Topics.VARIANTS.name())
                .isEqualTo(training.getProperty("mp.messaging.incoming.variants.topic"));
        // a consumer group uses at most one consumer per partition
        assertThat((Integer) scaled.get("maxReplicaCount")).isBetween(1, Topics.VARIANTS.partitions());
    }

    private static boolean reads(Properties properties, String variable) {
        return properties.values().stream().anyMatch(value -> value.toString().contains("${" + variable));
    }

    private static List<String> environmentNames(Map<String, Object> container) {
        return list(container.getOrDefault("env", List.of())).stream().map(e -> map(e).get("name").toString())
                .toList();
    }

    private static Map<String, Map<String, Object>> byKind(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        documents.forEach(document -> byKind.put(document.get("kind").toString(), document));
        return byKind;
    }

    private static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
