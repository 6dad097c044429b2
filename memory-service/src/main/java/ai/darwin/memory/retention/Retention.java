package ai.darwin.memory.retention;

import ai.darwin.memory.config.MemoryConfig;
import ai.darwin.memory.store.MemoryCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Deletes completed runs older than the configured retention, never silently: each deletion is logged and recorded
 * with what it removed in the {@code retention_log} collection. Runs that have not completed are never deleted.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final MemoryCollections collections;
    private final MongoCollection<Document> journal;
    private final MemoryConfig config;

    Retention(MemoryCollections collections, com.mongodb.client.MongoClient client, MemoryConfig config) {
        this.collections = collections;
        this.journal = client.getDatabase(config.database()).getCollection("events");
        this.config = config;
    }

    @Scheduled(every = "${darwin.memory.retention-check:1h}", delayed = "1m")
    void scheduled() {
        if (config.retentionDays() > 0) {
            purge(Instant.now().minus(Duration.ofDays(config.retentionDays())));
        }
    }

    /** Deletes every run completed before the cutoff; returns the ids of the deleted runs. */
    public synchronized List<String> purge(Instant cutoff) {
        List<String> deleted = new ArrayList<>();
        for (Document run : collections.runs().find(Filters.and(Filters.eq("status", "COMPLETED"),
                Filters.lt("completedAt", Date.from(cutoff)))).into(new ArrayList<>())) {
            String runId = run.getString("_id");
            Document removed = new Document()
                    .append("variants", collections.variants().deleteMany(Filters.eq("runId", runId)).getDeletedCount())
                    .append("generations", collections.generations().deleteMany(Filters.eq("runId", runId)).getDeletedCount())
                    .append("approvals", collections.approvals().deleteMany(Filters.eq("runId", runId)).getDeletedCount())
                    .append("interventions", collections.interventions().deleteMany(Filters.eq("runId", runId)).getDeletedCount())
                    .append("events", journal.deleteMany(Filters.eq("runId", runId)).getDeletedCount());
            collections.runs().deleteOne(Filters.eq("_id", runId));
            collections.retentionLog().insertOne(new Document("runId", runId).append("name", run.getString("name"))
                    .append("completedAt", run.getDate("completedAt")).append("deletedAt", new Date())
                    .append("retentionDays", config.retentionDays()).append("removed", removed));
            LOG.infof("retention: deleted run %s (completed %s, older than %d days): %s", runId,
                    run.getDate("completedAt"), config.retentionDays(), removed.toJson());
            deleted.add(runId);
        }
        return deleted;
    }

    public List<Document> log() {
        return collections.retentionLog().find().sort(Sorts.descending("deletedAt")).into(new ArrayList<>());
    }
}
