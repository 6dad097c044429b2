package ai.darwin.events;

import java.time.Instant;

/**
 * What every event on a Darwin topic carries. Consumers deduplicate by {@link #eventId()}; a change of
 * {@link #schemaVersion()} is a breaking change of the payload (fields may be added within a version, so
 * readers ignore fields they do not know).
 */
public interface DarwinEvent {

    /** Unique id of this event (a UUID); redelivered copies share it. */
    String eventId();

    /** Major version of this event's payload schema. */
    int schemaVersion();

    /** The evolution run the event belongs to. */
    String runId();

    /** When the producer created the event (UTC). */
    Instant timestamp();
}
