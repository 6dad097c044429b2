package ai.darwin.events;

import ai.darwin.events.ContractResources.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Compares a record type with its JSON Schema, reflectively, through nested records, lists, maps and enums: the
 * same property names, {@code required} exactly the non-{@link Nullable} components, the JSON type each Java type
 * is written as, identical enum constants, {@code additionalProperties: false} and a description on every
 * property. Each difference is one line naming the path, so a failing test says what to fix.
 */
final class SchemaRecordChecker {

    private static final int MAX_REF_HOPS = 16;

    private final Function<String, JsonNode> documents;
    private final List<String> differences = new ArrayList<>();

    /** @param documents classpath path of a schema document to its tree (null when there is none) */
    SchemaRecordChecker(Function<String, JsonNode> documents) {
        this.documents = documents;
    }

    /** Differences between an event record and the schema document at {@code document}, e.g. its schemaResource(). */
    static List<String> checkEvent(Class<?> eventType, String document, Function<String, JsonNode> documents) {
        SchemaRecordChecker checker = new SchemaRecordChecker(documents);
        JsonNode root = documents.apply(document);
        if (root == null) {
            return List.of(eventType.getSimpleName() + ": no schema document " + document);
        }
        checker.checkRecord(eventType, new Target(document, root), eventType.getSimpleName(), true);
        return List.copyOf(checker.differences);
    }

    private void checkRecord(Class<?> type, Target at, String path, boolean event) {
        Target schema = deref(at, path);
        if (schema == null) {
            return;
        }
        JsonNode node = schema.node();
        expectType(node, "object", path);
        if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
            differences.add(path + ": additionalProperties is not false");
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        if (event) {
            names.add("type");
            required.add("type");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            names.add(component.getName());
            if (!component.isAnnotationPresent(Nullable.class)) {
                required.add(component.getName());
            }
        }
        JsonNode properties = node.path("properties");
        compare(path + ": properties", names, fieldNames(properties));
        compare(path + ": required", required, textSet(node.path("required")));

        if (event) {
            JsonNode typeProperty = properties.path("type");
            if (!type.getSimpleName().equals(typeProperty.path("const").asText(null))) {
                differences.add(path + ".type: const is " + typeProperty.path("const") + ", expected \""
                        + type.getSimpleName() + "\"");
            }
            requireDescription(new Target(schema.document(), typeProperty), path + ".type");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode property = properties.get(component.getName());
            if (property != null) {
                Target target = new Target(schema.document(), property);
                String componentPath = path + "." + component.getName();
                requireDescription(target, componentPath);
                checkValue(component.getGenericType(), target, componentPath);
            }
        }
    }

    private void checkValue(Type javaType, Target at, String path) {
        if (javaType instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            Target schema = deref(at, path);
            if (schema == null) {
                return;
            }
            if (raw == List.class) {
                expectType(schema.node(), "array", path);
                checkValue(arguments[0], new Target(schema.document(), schema.node().path("items")), path + "[]");
            } else if (raw == Map.class && arguments[0] == String.class) {
                expectType(schema.node(), "object", path);
                JsonNode values = schema.node().path("additionalProperties");
                if (!values.isObject()) {
                    differences.add(path + ": a map needs additionalProperties with the schema of its values");
                } else {
                    checkValue(arguments[1], new Target(schema.document(), values), path + "{}");
                }
            } else {
                differences.add(path + ": the checker does not know " + javaType.getTypeName());
            }
            return;
        }
        Class<?> type = (Class<?>) javaType;
        if (type.isRecord()) {
            checkRecord(type, at, path, false);
            return;
        }
        Target schema = deref(at, path);
        if (schema == null) {
            return;
        }
        JsonNode node = schema.node();
        if (type.isEnum()) {
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<String> listed = texts(node.path("enum"));
            if (!constants.equals(listed)) {
                differences.add(path + ": enum is " + listed + ", Java " + type.getSimpleName() + " is " + constants);
            }
        } else if (type == String.class) {
            expectType(node, "string", path);
            if (node.has("enum")) {
                differences.add(path + ": enum on a Java String; the record accepts any text");
            }
        } else if (type == Instant.class) {
            expectType(node, "string", path);
            if (!"date-time".equals(node.path("format").asText())) {
                differences.add(path + ": an Instant needs format date-time");
            }
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            expectType(node, "integer", path);
        } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            expectType(node, "number", path);
        } else if (type == boolean.class || type == Boolean.class) {
            expectType(node, "boolean", path);
        } else {
            differences.add(path + ": the checker does not know " + type.getName());
        }
    }

    /** Follows {@code $ref}s; null (and a difference) when one does not resolve. */
    private Target deref(Target at, String path) {
        Target current = at;
        for (int hops = 0; current.node().has("$ref"); hops++) {
            if (hops == MAX_REF_HOPS) {
                differences.add(path + ": $ref chain longer than " + MAX_REF_HOPS);
                return null;
            }
            String ref = current.node().get("$ref").asText();
            current = ContractResources.resolve(current.document(), ref, documents);
            if (current.node().isMissingNode()) {
                differences.add(path + ": $ref " + ref + " does not resolve");
                return null;
            }
        }
        return current;
    }

    /** A property is described where it is declared or where its {@code $ref} leads. */
    private void requireDescription(Target property, String path) {
        Target current = property;
        for (int hops = 0; hops <= MAX_REF_HOPS && !current.node().isMissingNode(); hops++) {
            if (!current.node().path("description").asText("").isBlank()) {
                return;
            }
            if (!current.node().has("$ref")) {
                break;
            }
            current = ContractResources.resolve(current.document(), current.node().get("$ref").asText(), documents);
        }
        differences.add(path + ": no description");
    }

    private void expectType(JsonNode schema, String expected, String path) {
        String actual = schema.path("type").asText(null);
        if (!expected.equals(actual)) {
            differences.add(path + ": type is " + actual + ", expected " + expected);
        }
    }

    private void compare(String what, Set<String> expected, Set<String> actual) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            differences.add(what + " lack " + missing);
        }
        if (!extra.isEmpty()) {
            differences.add(what + " have extra " + extra);
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> textSet(JsonNode array) {
        return new LinkedHashSet<>(texts(array));
    }
}
