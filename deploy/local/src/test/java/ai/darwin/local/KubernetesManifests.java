package ai.darwin.local;

import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** deploy/kubernetes rendered as an operator would apply it: the base alone, or with some of its components. */
final class KubernetesManifests {

    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    static final Path BASE = REPOSITORY.resolve("deploy/kubernetes");
    static final Path COMPONENTS = BASE.resolve("components");
    /** Kustomizations that take the base and change it as a whole (kustomize wants them outside the base). */
    static final Path OVERLAYS_ROOT = REPOSITORY.resolve("deploy/overlays");
    static final String NAMESPACE = "darwin";
    private static final Path OVERLAYS = Path.of("target/kustomize").toAbsolutePath();

    private KubernetesManifests() {
    }

    /** The names of the directories under components/. */
    static List<String> components() throws IOException {
        try (Stream<Path> listed = Files.list(COMPONENTS)) {
            return listed.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** The directories under deploy/overlays/, each a kustomization to apply as it is. */
    static List<Path> overlays() throws IOException {
        try (Stream<Path> listed = Files.list(OVERLAYS_ROOT)) {
            return listed.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Every subset of the components, the empty one (the base) first. */
    static List<List<String>> everyCombination() throws IOException {
        List<String> components = components();
        List<List<String>> combinations = new ArrayList<>();
        for (int bits = 0; bits < 1 << components.size(); bits++) {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < components.size(); i++) {
                if ((bits & 1 << i) != 0) {
                    chosen.add(components.get(i));
                }
            }
            combinations.add(chosen);
        }
        return combinations;
    }

    static List<Map<String, Object>> render(List<String> components) throws IOException {
        return Kustomize.render(overlay(components));
    }

    /**
     * The directory to render: the base itself, or an operator's kustomization that takes the base and adds
     * components (written under target/, with relative paths, as kustomize requires of a checkout).
     */
    static Path overlay(List<String> components) throws IOException {
        return overlay(BASE, components);
    }

    /** A kustomization of the base or of an overlay ({@code root}) with components added; the root alone if none. */
    static Path overlay(Path root, List<String> components) throws IOException {
        if (components.isEmpty()) {
            return root;
        }
        String prefix = root.equals(BASE) ? "" : root.getFileName() + "+";
        Path directory = OVERLAYS.resolve(prefix + String.join("+", components));
        Files.createDirectories(directory);
        StringBuilder kustomization = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\n")
                .append("kind: Kustomization\nresources:\n  - ").append(directory.relativize(root)).append('\n')
                .append("components:\n");
        components.forEach(component -> kustomization.append("  - ")
                .append(directory.relativize(COMPONENTS.resolve(component))).append('\n'));
        Files.writeString(directory.resolve("kustomization.yaml"), kustomization);
        return directory;
    }

    static Map<String, Object> resource(List<Map<String, Object>> resources, String kind, String name) {
        return resources.stream().filter(resource -> kind.equals(resource.get("kind")))
                .filter(resource -> name.equals(map(resource.get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The pod template's spec of a Deployment, StatefulSet or Job. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(Yamls.at(workload, "spec", "template", "spec"));
    }

    /** The containers and init containers of a pod. */
    static List<Map<String, Object>> containers(Map<String, Object> podSpec) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String key : List.of("containers", "initContainers")) {
            list(podSpec.getOrDefault(key, List.of())).forEach(container -> containers.add(map(container)));
        }
        return containers;
    }

    /** A container's security setting, or the pod's where the container does not set it. */
    static Object effective(Map<String, Object> podSpec, Map<String, Object> container, String field) {
        Object own = Yamls.at(container, "securityContext", field);
        return own != null ? own : Yamls.at(podSpec, "securityContext", field);
    }

    /** A container's environment variable with a literal value, or null. */
    static String environment(Map<String, Object> container, String name) {
        return list(container.getOrDefault("env", List.of())).stream().map(Yamls::map)
                .filter(variable -> name.equals(variable.get("name"))).map(variable -> variable.get("value"))
                .filter(Objects::nonNull).map(Object::toString).findFirst().orElse(null);
    }

    static List<Map<String, Object>> workloads(List<Map<String, Object>> resources) {
        return resources.stream()
                .filter(resource -> List.of("Deployment", "StatefulSet", "Job").contains(resource.get("kind")))
                .toList();
    }
}
