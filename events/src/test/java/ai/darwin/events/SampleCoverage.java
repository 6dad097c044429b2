package ai.darwin.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fields a sample leaves out, through nested records and lists of records, so that every golden sample
 * shows every field, optional ones included. Elements of a list together count: a failed and a completed variant
 * of one ranking between them show every field of a ranked variant.
 */
final class SampleCoverage {

    private SampleCoverage() {
    }

    /** Paths of the record components that no given instance carries, or carries only empty. */
    static List<String> absentFields(Class<?> recordType, List<JsonNode> instances, String path) {
        List<String> absent = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            String componentPath = path + "." + component.getName();
            List<JsonNode> values = instances.stream()
                    .map(instance -> instance.get(component.getName()))
                    .filter(value -> value != null && !value.isNull())
                    .toList();
            if (values.isEmpty() || values.stream().allMatch(v -> v.isContainerNode() && v.isEmpty())) {
                absent.add(componentPath);
                continue;
            }
            Class<?> nested = recordElementType(component.getGenericType());
            if (nested != null) {
                List<JsonNode> elements = new ArrayList<>();
                values.forEach(value -> {
                    if (value.isArray()) {
                        value.forEach(elements::add);
                    } else {
                        elements.add(value);
                    }
                });
                absent.addAll(absentFields(nested, elements, componentPath));
            }
        }
        return absent;
    }

    /** The record type of a component that is a record or a list of records, else null. */
    private static Class<?> recordElementType(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class
                && generic.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }
}
