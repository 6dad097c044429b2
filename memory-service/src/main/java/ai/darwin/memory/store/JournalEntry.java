package ai.darwin.memory.store;

import java.time.Instant;
import java.util.Map;

/**
 * One contract event as memory-service keeps it.
 *
 * @param eventId    the event's id, also the document id: a redelivered event is stored once
 * @param type       the event's type name, e.g. {@code VariantProposed}
 * @param runId      the run
 * @param timestamp  when it was produced
 * @param topic      where it was read
 * @param partition  its partition
 * @param offset     its offset
 * @param payload    the event as JSON
 */
public record JournalEntry(String eventId, String type, String runId, Instant timestamp, String topic,
                           int partition, long offset, Map<String, Object> payload) {
}
