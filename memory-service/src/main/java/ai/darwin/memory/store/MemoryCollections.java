package ai.darwin.memory.store;

import ai.darwin.memory.config.MemoryConfig;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/**
 * memory-service's MongoDB collections and the indexes its queries need. Every query keeps to what real MongoDB and
 * mongo-java-server both accept: no transactions, no {@code $text}, no {@code $setWindowFields}.
 */
@ApplicationScoped
@Startup
public class MemoryCollections {

    private final MongoClient client;
    private final MemoryConfig config;
    private MongoCollection<Document> runs;
    private MongoCollection<Document> generations;
    private MongoCollection<Document> variants;
    private MongoCollection<Document> approvals;
    private MongoCollection<Document> interventions;
    private MongoCollection<Document> retentionLog;

    MemoryCollections(MongoClient client, MemoryConfig config) {
        this.client = client;
        this.config = config;
    }

    @PostConstruct
    void open() {
        var database = client.getDatabase(config.database());
        runs = database.getCollection("runs");
        generations = database.getCollection("generations");
        variants = database.getCollection("variants");
        approvals = database.getCollection("approvals");
        interventions = database.getCollection("interventions");
        retentionLog = database.getCollection("retention_log");
        generations.createIndex(Indexes.ascending("runId", "generation"));
        variants.createIndex(Indexes.ascending("runId", "generation"));
        variants.createIndex(Indexes.ascending("runId", "outcome"));
        variants.createIndex(Indexes.ascending("parentVariantIds"));
        approvals.createIndex(Indexes.ascending("runId"));
        interventions.createIndex(Indexes.ascending("runId"));
    }

    public MongoCollection<Document> runs() {
        return runs;
    }

    public MongoCollection<Document> generations() {
        return generations;
    }

    public MongoCollection<Document> variants() {
        return variants;
    }

    public MongoCollection<Document> approvals() {
        return approvals;
    }

    public MongoCollection<Document> interventions() {
        return interventions;
    }

    public MongoCollection<Document> retentionLog() {
        return retentionLog;
    }
}
