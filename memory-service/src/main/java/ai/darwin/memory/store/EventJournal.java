package ai.darwin.memory.store;

import ai.darwin.memory.config.MemoryConfig;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Every contract event memory-service has read, stored once by event id. Only plain inserts, finds and indexes:
 * what both real MongoDB and the local mongo-java-server accept.
 */
@ApplicationScoped
@Startup
public class EventJournal {

    static final String COLLECTION = "events";

    private final MongoClient client;
    private final MemoryConfig config;
    private MongoCollection<Document> events;

    EventJournal(MongoClient client, MemoryConfig config) {
        this.client = client;
        this.config = config;
    }

    @PostConstruct
    void open() {
        events = client.getDatabase(config.database()).getCollection(COLLECTION);
        events.createIndex(Indexes.ascending("runId", "timestamp"));
        events.createIndex(Indexes.ascending("type", "runId"));
    }

    /** @return true if the event was new, false if it was already stored (a redelivery) */
    public boolean record(JournalEntry entry) {
        Document document = new Document("_id", entry.eventId())
                .append("type", entry.type())
                .append("runId", entry.runId())
                .append("timestamp", Date.from(entry.timestamp()))
                .append("topic", entry.topic())
                .append("partition", entry.partition())
                .append("offset", entry.offset())
                .append("payload", new Document(entry.payload()));
        try {
            events.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** A run's events in the order they were produced, optionally of one type. */
    public List<Document> eventsOfRun(String runId, String type, int limit) {
        Bson filter = type == null ? Filters.eq("runId", runId)
                : Filters.and(Filters.eq("runId", runId), Filters.eq("type", type));
        return events.find(filter).sort(Sorts.ascending("timestamp", "_id")).limit(limit).into(new ArrayList<>());
    }

    public long count(String runId) {
        return events.countDocuments(Filters.eq("runId", runId));
    }
}
