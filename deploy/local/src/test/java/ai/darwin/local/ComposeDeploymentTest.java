package ai.darwin.local;

import static ai.darwin.local.TrainingContainment.TRAINING;
import static ai.darwin.local.Yamls.at;
import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.load;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as a platform engineer runs it: host tools can subscribe, each GPU worker has a GPU of its
 * own, the JVMs fit their containers, the image build keeps its dependency layer, and the header says what is so.
 */
class ComposeDeploymentTest {

    private static final Path REPOSITORY = KubernetesManifests.REPOSITORY;
    private static final Path DOCKERFILE = REPOSITORY.resolve("deploy/docker/Dockerfile");

    @Test
    void kafkaHasAnExternalListenerPublishedWhereTheAsyncApiDocumentSays() throws IOException {
        Map<String, Object> kafka = map(services("docker-compose.yml").get("kafka"));
        Map<String, Object> environment = map(kafka.get("environment"));

        assertThat(environment.get("KAFKA_LISTENERS").toString()).contains("EXTERNAL://:19092");
        assertThat(environment.get("KAFKA_ADVERTISED_LISTENERS").toString())
                .contains("PLAINTEXT://kafka:9092", "EXTERNAL://${DARWIN_KAFKA_HOST:-localhost}:19092");
        assertThat(environment.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString()).contains("EXTERNAL:PLAINTEXT");
        assertThat(strings(kafka.get("ports"))).containsExactly("${DARWIN_BIND:-127.0.0.1}:19092:19092");
        assertThat(at(asyncApi(), "servers", "compose", "host")).isEqualTo("localhost:19092");
    }

    /**
     * hitl-service checksums an approved MORE_DATA file when a human approves it: it sees the corpora the workers
     * read, at the same path and read-only, or every approval of a file under ./data fails as unreadable.
     */
    @Test
    void hitlServiceSeesTheWorkersCorporaReadOnly() throws IOException {
        Map<String, Object> services = services("docker-compose.yml");
        List<String> corpora = strings(map(services.get(TRAINING)).get("volumes")).stream()
                .filter(volume -> volume.split(":").length == 3 && volume.split(":")[1].equals("/data")).toList();

        assertThat(corpora).singleElement().asString().endsWith(":ro");
        assertThat(strings(map(services.get("hitl-service")).get("volumes"))).contains(corpora.get(0));
    }

    /** Extra workers are copies of training-service, walls included, that start only when asked for. */
    @Test
    void extraWorkersAreTrainingServiceBehindAProfile() throws IOException {
        Map<String, Object> services = services("docker-compose.yml");
        Map<String, Object> training = map(services.get(TRAINING));
        List<String> workers = trainingWorkers(services);

        assertThat(workers).contains(TRAINING, "training-service-2", "training-service-3", "training-service-4");
        for (String worker : workers) {
            if (worker.equals(TRAINING)) {
                continue;
            }
            Map<String, Object> copy = new HashMap<>(map(services.get(worker)));
            assertThat(strings(copy.remove("profiles"))).as(worker).containsExactly(worker.replace(TRAINING, "worker"));
            assertThat(copy).as(worker).isEqualTo(training);
        }
    }

    /** An override that changes training-service (its sandbox's walls, above all) changes every worker alike. */
    @Test
    void everyOverrideTreatsEveryWorkerAlike() throws IOException {
        List<String> workers = trainingWorkers(services("docker-compose.yml"));
        for (String override : List.of("compose.bwrap.yml", "compose.bwrap-apparmor.yml", "compose.unisolated.yml")) {
            Map<String, Object> services = services("deploy/docker/" + override);
            assertThat(services.keySet()).as(override).containsExactlyInAnyOrderElementsOf(workers);
            workers.forEach(worker -> assertThat(services.get(worker)).as(override + " " + worker)
                    .isEqualTo(services.get(TRAINING)));
        }
    }

    @Test
    void theGpuOverlayGivesEveryWorkerAGpuOfItsOwn() throws IOException {
        Map<String, Object> base = services("docker-compose.yml");
        Map<String, Object> gpu = services("deploy/docker/compose.gpu.yml");
        Set<String> defaults = new HashSet<>();

        assertThat(gpu.keySet()).containsExactlyInAnyOrderElementsOf(trainingWorkers(base));
        for (String worker : gpu.keySet()) {
            Map<String, Object> device = map(list(at(gpu.get(worker), "deploy", "resources", "reservations",
                    "devices")).get(0));
            assertThat(device).as(worker + ": count and device_ids exclude each other").doesNotContainKey("count");
            List<String> ids = strings(device.get("device_ids"));
            assertThat(ids).as(worker).hasSize(1);
            Matcher variable = Pattern.compile("\\$\\{DARWIN_GPU_[0-9]+:-([0-9]+)}").matcher(ids.get(0));
            assertThat(variable.matches()).as(worker + " device " + ids.get(0)).isTrue();
            defaults.add(variable.group(1));
            assertThat(at(gpu.get(worker), "build", "args", "TORCH_NATIVE").toString()).startsWith("pytorch-native-cu");
        }
        assertThat(defaults).as("one default device per worker").hasSize(gpu.size());
    }

    @Test
    void jvmsSizeTheirHeapFromTheContainer() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        assertThat(dockerfile).contains("JAVA_MEMORY_OPTS=\"-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "exec java $JAVA_MEMORY_OPTS $JAVA_OPTS_APPEND -jar");

        Map<String, Object> training = map(services("docker-compose.yml").get(TRAINING));
        String workerOptions = map(training.get("environment")).get("JAVA_MEMORY_OPTS").toString();
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=([0-9]+)").matcher(workerOptions);
        assertThat(percentage.find()).isTrue();
        assertThat(Integer.parseInt(percentage.group(1))).as("the worker leaves room for its training child")
                .isLessThanOrEqualTo(25);
        assertThat(training.get("mem_limit")).isNotNull();
    }

    /** Every module's pom is copied and its dependencies resolved before any source, so a source edit keeps them. */
    @Test
    void theImageBuildCachesTheDependencyLayer() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        int goOffline = indexOf(lines, "dependency:go-offline");
        int sources = lines.indexOf("COPY . .");
        assertThat(goOffline).isPositive().isLessThan(sources);

        List<String> poms = new ArrayList<>(List.of("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(REPOSITORY.resolve("pom.xml")));
        while (module.find()) {
            poms.add(module.group(1) + "/pom.xml");
        }
        for (String pom : poms) {
            int copied = indexOf(lines, "COPY " + pom + " ");
            assertThat(copied).as("Dockerfile copies " + pom).isPositive().isLessThan(goOffline);
        }
    }

    @Test
    void theHeaderTellsTheTruth() throws IOException {
        List<String> header = Files.readAllLines(REPOSITORY.resolve("docker-compose.yml")).stream()
                .takeWhile(line -> line.startsWith("#")).toList();
        String text = String.join("\n", header);

        Matcher file = Pattern.compile("-f ([^ ]+\\.yml)").matcher(text);
        while (file.find()) {
            assertThat(REPOSITORY.resolve(file.group(1))).as("the header's " + file.group(1)).exists();
        }
        assertThat(text).contains("localhost:19092", "Start a run from the dashboard", "COMPOSE_PROFILES=worker-2");
        assertThat(text).doesNotContainPattern("or from the dashboard");
    }

    /**
     * The services and the training workers export their spans where OTEL_EXPORTER_OTLP_ENDPOINT names a collector,
     * and only then; Jaeger starts only with its profile, and joins the workers' network (which has no route out)
     * as well as the services', so that the workers reach it and nothing else but the broker.
     */
    @Test
    void tracesGoToACollectorOnlyWhereOneIsNamed() throws IOException {
        Map<String, Object> services = services("docker-compose.yml");
        List<String> exporters = new ArrayList<>(List.of("memory-service", "selection-service", "mutation-service",
                "hitl-service"));
        exporters.addAll(trainingWorkers(services));
        for (String service : exporters) {
            assertThat(map(map(services.get(service)).get("environment")))
                    .as(service).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "${OTEL_EXPORTER_OTLP_ENDPOINT:-}");
        }
        Map<String, Object> jaeger = map(services.get("jaeger"));
        assertThat(strings(jaeger.get("profiles"))).containsExactly("tracing");
        assertThat(strings(jaeger.get("networks"))).containsExactlyInAnyOrder("default", "training");
        assertThat(strings(map(services.get(TRAINING)).get("networks"))).containsExactly("training");
    }

    private static List<String> trainingWorkers(Map<String, Object> services) {
        return services.keySet().stream()
                .filter(name -> TRAINING.equals(at(services.get(name), "build", "args", "SERVICE"))).toList();
    }

    private static Map<String, Object> services(String file) throws IOException {
        return map(load(REPOSITORY.resolve(file)).get(0).get("services"));
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static Object asyncApi() throws IOException {
        try (InputStream in = EventCodec.class.getClassLoader().getResourceAsStream("contract/asyncapi.yaml")) {
            return new Yaml().load(in);
        }
    }
}
