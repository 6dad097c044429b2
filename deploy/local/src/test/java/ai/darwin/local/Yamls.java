package ai.darwin.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reading manifests as trees of maps and lists, failing the test where a tree has another shape than expected. */
final class Yamls {

    private Yamls() {
    }

    /** Every document of a YAML file (JSON is YAML too), empty ones left out. */
    static List<Map<String, Object>> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(Reader reader) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(reader)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    static List<String> strings(Object value) {
        return value == null ? List.of() : list(value).stream().map(Object::toString).toList();
    }

    /** The value at a path of keys, or null where the path ends early. */
    static Object at(Object tree, String... keys) {
        Object value = tree;
        for (String key : keys) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }
}
