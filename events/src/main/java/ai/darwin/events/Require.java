package ai.darwin.events;

import java.util.Collection;
import java.util.List;

/** Argument checks for the compact constructors of the event records: a malformed event fails as it is read. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing or blank required field '" + field + "'");
        }
        return value;
    }

    public static int atLeast(int value, int minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException("field '" + field + "' must be >= " + minimum + " but was " + value);
        }
        return value;
    }

    public static long atLeast(long value, long minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException("field '" + field + "' must be >= " + minimum + " but was " + value);
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field) {
        present(value, field);
        if (value.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("field '" + field + "' must not contain null elements");
        }
        return List.copyOf(value);
    }

    public static <T extends Collection<?>> T nonEmpty(T value, String field) {
        present(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must not be empty");
        }
        return value;
    }

    /** The envelope checks shared by every event. */
    public static void envelope(String eventId, int schemaVersion, String runId, java.time.Instant timestamp) {
        text(eventId, "eventId");
        atLeast(schemaVersion, 1, "schemaVersion");
        text(runId, "runId");
        present(timestamp, "timestamp");
    }
}
