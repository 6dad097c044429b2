package ai.darwin.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 6902 JSON Patch on trees of maps and lists, for the kustomize patches Darwin's components use: add, replace,
 * remove and test. A path that does not exist, or a test that does not hold, fails the patch as it fails kustomize.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(Object document, List<Object> operations) {
        for (Object entry : operations) {
            Map<String, Object> operation = Yamls.map(entry);
            String op = Objects.toString(operation.get("op"));
            String path = Objects.toString(operation.get("path"));
            switch (op) {
                case "add" -> add(document, path, copy(operation.get("value")));
                case "replace" -> {
                    remove(document, path);
                    add(document, path, copy(operation.get("value")));
                }
                case "remove" -> remove(document, path);
                case "test" -> {
                    if (!Objects.equals(get(document, path), operation.get("value"))) {
                        throw new IllegalStateException("test failed at " + path + ": " + get(document, path));
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch operation " + op + " is not implemented");
            }
        }
    }

    private static void add(Object document, String path, Object value) {
        Object parent = get(document, parentOf(path));
        String key = lastToken(path);
        if (parent instanceof Map<?, ?>) {
            Yamls.map(parent).put(key, value);
        } else {
            List<Object> list = Yamls.list(parent);
            list.add(key.equals("-") ? list.size() : index(key, list.size() + 1), value);
        }
    }

    private static void remove(Object document, String path) {
        Object parent = get(document, parentOf(path));
        String key = lastToken(path);
        if (parent instanceof Map<?, ?>) {
            if (!Yamls.map(parent).containsKey(key)) {
                throw new IllegalStateException("no value at " + path);
            }
            Yamls.map(parent).remove(key);
        } else {
            List<Object> list = Yamls.list(parent);
            list.remove(index(key, list.size()));
        }
    }

    private static Object get(Object document, String path) {
        Object value = document;
        for (String token : tokens(path)) {
            if (value instanceof Map<?, ?> map && map.containsKey(token)) {
                value = map.get(token);
            } else if (value instanceof List<?> list) {
                value = list.get(index(token, list.size()));
            } else {
                throw new IllegalStateException("no value at " + path);
            }
        }
        return value;
    }

    private static int index(String token, int bound) {
        int index = Integer.parseInt(token);
        if (index < 0 || index >= bound) {
            throw new IllegalStateException("index " + token + " out of bounds");
        }
        return index;
    }

    private static List<String> tokens(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastToken(String path) {
        List<String> tokens = tokens(path);
        return tokens.get(tokens.size() - 1);
    }

    /** A deep copy, so that a value patched into two resources is not one shared object. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key.toString(), copy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return value;
    }
}
