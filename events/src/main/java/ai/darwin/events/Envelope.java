package ai.darwin.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries before its own fields ({@link DarwinEvent}): its id, the contract's schema version, its
 * run and when it was made. Every producer makes it here, so that ids, versions and timestamps are made one way; each
 * event record takes it as the first argument of a constructor.
 *
 * @param eventId       unique id of the event
 * @param schemaVersion major version of the payload schema
 * @param runId         the run the event belongs to
 * @param timestamp     when the producer made it
 */
public record Envelope(String eventId, int schemaVersion, String runId, Instant timestamp) {

    public Envelope {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
    }

    /** A new event of the run, now: a fresh id and this contract's schema version. */
    public static Envelope of(String runId) {
        return at(runId, EventCodec.now());
    }

    /** A new event of the run at a given time: a scripted run, a replay. */
    public static Envelope at(String runId, Instant timestamp) {
        return new Envelope(EventCodec.newEventId(), EventType.SCHEMA_VERSION, runId, timestamp);
    }

    /**
     * An event whose id follows from what it is about: the same {@code name} always gives the same id, so that a
     * producer that makes the event again (its input was delivered twice) publishes a copy consumers deduplicate.
     *
     * @param name what makes the event unique, e.g. its type and the id of the variant it proposes
     */
    public static Envelope derived(String runId, String name) {
        String eventId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        return new Envelope(eventId, EventType.SCHEMA_VERSION, runId, EventCodec.now());
    }
}
