package ai.darwin.hitl.store;

import ai.darwin.hitl.config.HitlConfig;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;

/**
 * hitl-service's MongoDB collections and the indexes its queries need. Every query keeps to what real MongoDB and
 * mongo-java-server both accept: finds, sorts and plain updates; no transactions, no {@code $text}.
 */
@ApplicationScoped
@Startup
public class HitlCollections {

    private final MongoClient client;
    private final HitlConfig config;
    private MongoCollection<Document> runs;
    private MongoCollection<Document> generations;
    private MongoCollection<Document> variants;
    private MongoCollection<Document> approvals;
    private MongoCollection<Document> interventions;

    HitlCollections(MongoClient client, HitlConfig config) {
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
        generations.createIndex(Indexes.ascending("runId", "generation"));
        variants.createIndex(Indexes.ascending("runId", "outcome", "valBitsPerByte"));
        approvals.createIndex(Indexes.ascending("runId", "status"));
        interventions.createIndex(Indexes.ascending("runId", "at"));
    }

    /** One document per run: its configuration, lifecycle and outcome. */
    public MongoCollection<Document> runs() {
        return runs;
    }

    /** One document per generation ({@code runId:generation}): as opened, and as closed. */
    public MongoCollection<Document> generations() {
        return generations;
    }

    /** One document per variant: who proposed it, its latest training progress, its result; never its source. */
    public MongoCollection<Document> variants() {
        return variants;
    }

    /** One document per approval request, pending or decided. */
    public MongoCollection<Document> approvals() {
        return approvals;
    }

    /** One document per human intervention. */
    public MongoCollection<Document> interventions() {
        return interventions;
    }
}
