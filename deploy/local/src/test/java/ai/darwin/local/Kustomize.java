package ai.darwin.local;

import static ai.darwin.local.Yamls.list;
import static ai.darwin.local.Yamls.map;
import static ai.darwin.local.Yamls.strings;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders deploy/kubernetes and its components offline, in the test's JVM, the way `kubectl kustomize` does, for
 * the features Darwin's manifests use: resources (files and directories), components, JSON 6902 patches with a
 * target, strategic-merge patches that delete a resource ({@code $patch: delete}), namespace, labels, a literal
 * configMapGenerator and secretGenerator (without kustomize's hash suffix) and image tags.
 * Anything else in a kustomization fails the rendering, so a manifest cannot use a feature this renderer would
 * silently skip. {@code KustomizeTest} compares its output with kubectl's wherever kubectl is installed.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "components", "patches", "configMapGenerator", "secretGenerator", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "RuntimeClass", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");
    private static final List<String> POD_TEMPLATE = List.of("spec", "template", "spec");

    private Kustomize() {
    }

    /** The resources a kustomization directory renders to. */
    static List<Map<String, Object>> render(Path directory) throws IOException {
        return accumulate(directory, "Kustomization", new ArrayList<>());
    }

    private static List<Map<String, Object>> accumulate(Path directory, String kind,
                                                        List<Map<String, Object>> resources) throws IOException {
        Map<String, Object> kustomization = Yamls.load(directory.resolve("kustomization.yaml")).get(0);
        for (String field : kustomization.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + " uses " + field + ", which this renderer lacks");
            }
        }
        if (!kind.equals(kustomization.get("kind"))) {
            throw new IllegalArgumentException(directory + " is a " + kustomization.get("kind") + ", not a " + kind);
        }
        for (String resource : strings(kustomization.get("resources"))) {
            Path path = directory.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                resources.addAll(Yamls.load(path));
            }
        }
        for (String component : strings(kustomization.get("components"))) {
            accumulate(directory.resolve(component).normalize(), "Component", resources);
        }
        for (Object generator : list(kustomization.getOrDefault("configMapGenerator", List.of()))) {
            resources.add(configMap(map(generator)));
        }
        for (Object generator : list(kustomization.getOrDefault("secretGenerator", List.of()))) {
            resources.add(secret(map(generator)));
        }
        for (Object patch : list(kustomization.getOrDefault("patches", List.of()))) {
            patch(resources, map(patch), directory);
        }
        if (kustomization.get("namespace") != null) {
            String namespace = kustomization.get("namespace").toString();
            resources.stream().filter(resource -> !CLUSTER_SCOPED.contains(resource.get("kind")))
                    .forEach(resource -> map(resource.get("metadata")).put("namespace", namespace));
        }
        for (Object labels : list(kustomization.getOrDefault("labels", List.of()))) {
            Map<String, Object> entry = map(labels);
            if (Boolean.TRUE.equals(entry.get("includeSelectors")) || Boolean.TRUE.equals(entry.get("includeTemplates"))) {
                throw new IllegalArgumentException("labels on selectors or templates are not implemented");
            }
            resources.forEach(resource -> map(map(resource.get("metadata"))
                    .computeIfAbsent("labels", key -> new LinkedHashMap<>())).putAll(map(entry.get("pairs"))));
        }
        for (Object image : list(kustomization.getOrDefault("images", List.of()))) {
            retag(resources, map(image));
        }
        return resources;
    }

    private static Map<String, Object> configMap(Map<String, Object> generator) {
        Map<String, Object> configMap = generated("ConfigMap", generator);
        configMap.put("data", literals(generator));
        return configMap;
    }

    /** A literal secretGenerator's Secret, its values base64-encoded as kustomize writes them. */
    private static Map<String, Object> secret(Map<String, Object> generator) {
        Map<String, Object> data = new LinkedHashMap<>();
        literals(generator).forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(
                value.toString().getBytes(StandardCharsets.UTF_8))));
        Map<String, Object> secret = generated("Secret", generator);
        secret.put("type", "Opaque");
        secret.put("data", data);
        return secret;
    }

    private static Map<String, Object> generated(String kind, Map<String, Object> generator) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "v1");
        resource.put("kind", kind);
        resource.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
        return resource;
    }

    private static Map<String, Object> literals(Map<String, Object> generator) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String literal : strings(generator.get("literals"))) {
            data.put(literal.substring(0, literal.indexOf('=')), literal.substring(literal.indexOf('=') + 1));
        }
        return data;
    }

    private static void patch(List<Map<String, Object>> resources, Map<String, Object> patch, Path directory)
            throws IOException {
        Object text = patch.containsKey("path") ? Files.readString(directory.resolve(patch.get("path").toString()))
                : patch.get("patch");
        Object operations = new Yaml().load(new StringReader(Objects.toString(text)));
        if (operations instanceof Map<?, ?> deletion && "delete".equals(deletion.get("$patch"))) {
            delete(resources, map(deletion), directory);
            return;
        }
        if (!(operations instanceof List<?>)) {
            throw new IllegalArgumentException("only JSON 6902 patches are implemented: " + directory);
        }
        Map<String, Object> target = map(patch.get("target"));
        List<Map<String, Object>> targets = resources.stream()
                .filter(resource -> Objects.equals(resource.get("kind"), target.get("kind")))
                .filter(resource -> !target.containsKey("name")
                        || Objects.equals(map(resource.get("metadata")).get("name"), target.get("name")))
                .toList();
        // kustomize would do nothing here; a patch that reaches nothing is a mistake in Darwin's manifests
        if (targets.isEmpty()) {
            throw new IllegalStateException("the patch of " + directory + " matches no resource: " + target);
        }
        targets.forEach(resource -> JsonPatch.apply(resource, list(operations)));
    }

    /** A strategic-merge patch of just {@code $patch: delete}, kind and name: the resource leaves the rendering. */
    private static void delete(List<Map<String, Object>> resources, Map<String, Object> deletion, Path directory) {
        Object name = map(deletion.get("metadata")).get("name");
        boolean removed = resources.removeIf(resource -> Objects.equals(resource.get("kind"), deletion.get("kind"))
                && Objects.equals(map(resource.get("metadata")).get("name"), name));
        // kustomize fails here too: a deletion that finds nothing means the base changed under the overlay
        if (!removed) {
            throw new IllegalStateException(directory + " deletes " + deletion.get("kind") + " " + name + ", which is not there");
        }
    }

    private static void retag(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = image.get("name").toString();
        String replacement = image.getOrDefault("newName", name) + ":" + image.get("newTag");
        for (Map<String, Object> resource : resources) {
            Object pod = Yamls.at(resource, POD_TEMPLATE.toArray(String[]::new));
            for (String containers : List.of("containers", "initContainers")) {
                Object declared = Yamls.at(pod, containers);
                if (declared == null) {
                    continue;
                }
                for (Object container : list(declared)) {
                    String current = String.valueOf(map(container).get("image"));
                    // kustomize matches the name with or without a tag (an overlay retags a tagged image)
                    if (current.equals(name) || current.startsWith(name + ":") || current.startsWith(name + "@")) {
                        map(container).put("image", replacement);
                    }
                }
            }
        }
    }
}
