package ai.darwin.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The one JSON encoding of Darwin's events: ISO-8601 timestamps, absent optional fields omitted, unknown fields
 * ignored on reading (a tolerant reader: fields may be added within a schema version).
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {
    }

    /** A copy of the mapper, for tools that read payloads as trees. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static String write(DarwinEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event of the given type (a record or a topic's sealed family).
     *
     * @throws MalformedEventException with a one-line reason when the payload is not such an event
     */
    public static <T extends DarwinEvent> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty payload, expected " + type.getSimpleName());
        }
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + reason(e), e);
        }
        if (event == null) {
            throw new MalformedEventException("null payload, expected " + type.getSimpleName());
        }
        if (event.schemaVersion() > EventType.SCHEMA_VERSION) {
            throw new MalformedEventException("unsupported schemaVersion " + event.schemaVersion()
                    + " of " + event.getClass().getSimpleName() + ", this reader knows up to " + EventType.SCHEMA_VERSION);
        }
        return event;
    }

    /**
     * Reads any contract event, whatever its topic, by its {@code type} property.
     *
     * @throws MalformedEventException when the payload is not a contract event
     */
    public static DarwinEvent readAny(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty payload, expected a Darwin event");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + reason(e), e);
        }
        JsonNode type = tree == null ? null : tree.get("type");
        if (type == null || !type.isTextual()) {
            throw new MalformedEventException("no 'type' property: not a Darwin event");
        }
        EventType eventType = Arrays.stream(EventType.values())
                .filter(t -> t.typeName().equals(type.asText())).findFirst()
                .orElseThrow(() -> new MalformedEventException("unknown event type '" + type.asText() + "'"));
        return read(json, eventType.recordType());
    }

    /** A fresh event id. */
    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    /** Now, truncated to milliseconds so that a timestamp survives a JSON round trip unchanged. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    private static String reason(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
        message = message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
        // Jackson's hints name its own settings, which mean nothing to a producer reading a dead-letter reason
        message = message.replaceAll("\\s*\\(set [A-Za-z.]+.*$", "");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && root == e) {
            return message + " at '" + path(mapping) + "'";
        }
        return message;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
