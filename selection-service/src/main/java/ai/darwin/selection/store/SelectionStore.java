package ai.darwin.selection.store;

import ai.darwin.events.EventCodec;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.selection.config.SelectionConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * selection-service's own MongoDB data: run states, proposals and results. Only inserts, replaces and finds by
 * indexed fields, which real MongoDB and mongo-java-server both accept; no transactions (the run document is the
 * unit of change, and the outbox in it makes publishing after a crash safe).
 */
@ApplicationScoped
@Startup
public class SelectionStore {

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final String TRACEPARENT = "traceparent";

    private final MongoClient client;
    private final SelectionConfig config;
    private MongoCollection<Document> runs;
    private MongoCollection<Document> proposals;
    private MongoCollection<Document> results;

    SelectionStore(MongoClient client, SelectionConfig config) {
        this.client = client;
        this.config = config;
    }

    @PostConstruct
    void open() {
        var database = client.getDatabase(config.database());
        runs = database.getCollection("runs");
        proposals = database.getCollection("proposals");
        results = database.getCollection("results");
        proposals.createIndex(Indexes.ascending("runId", "generation"));
        results.createIndex(Indexes.ascending("runId", "generation"));
    }

    public Optional<RunState> run(String runId) {
        Document document = runs.find(Filters.eq("_id", runId)).first();
        if (document == null) {
            return Optional.empty();
        }
        document.remove("_id");
        return Optional.of(read(document.toJson(), RunState.class));
    }

    public List<String> activeRunIds() {
        List<String> ids = new ArrayList<>();
        runs.find(Filters.ne("status", RunState.Status.COMPLETED.name()))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    public void save(RunState state) {
        Document document = Document.parse(write(state));
        document.put("_id", state.runId());
        runs.replaceOne(Filters.eq("_id", state.runId()), document, new ReplaceOptions().upsert(true));
    }

    /** @return false if a proposal with this variant id was already stored (the first one wins) */
    public boolean addProposal(VariantProposed proposal) {
        return addProposal(proposal, null);
    }

    /** @param traceparent the variant's trace (W3C), kept for its generation's close; null for none */
    public boolean addProposal(VariantProposed proposal, String traceparent) {
        return insertOnce(proposals, proposal.variantId(), proposal.runId(), proposal.generation(),
                EventCodec.write(proposal), traceparent);
    }

    /** @return false if a result for this variant was already stored: a variant is counted once */
    public boolean addResult(TrainingResult result) {
        return addResult(result, null);
    }

    /** @param traceparent the variant's trace (W3C), kept for its generation's close; null for none */
    public boolean addResult(TrainingResult result, String traceparent) {
        return insertOnce(results, result.variantId(), result.runId(), result.generation(), EventCodec.write(result),
                traceparent);
    }

    /**
     * The stored trace of each variant of a generation that has one, by variant id: its result's, else its
     * proposal's (a variant that timed out has no result).
     */
    public Map<String, String> traceparents(String runId, int generation) {
        Map<String, String> found = new HashMap<>();
        for (MongoCollection<Document> collection : List.of(results, proposals)) {
            for (Document document : collection.find(Filters.and(Filters.eq("runId", runId),
                    Filters.eq("generation", generation))).projection(new Document(TRACEPARENT, 1))) {
                if (document.getString(TRACEPARENT) != null) {
                    found.putIfAbsent(document.getString("_id"), document.getString(TRACEPARENT));
                }
            }
        }
        return found;
    }

    public Optional<VariantProposed> proposal(String variantId) {
        return Optional.ofNullable(proposals.find(Filters.eq("_id", variantId)).first())
                .map(d -> EventCodec.read(d.getString("event"), VariantProposed.class));
    }

    /**
     * Every variant of a generation that has a proposal, with its result if it has one: two queries, whatever the
     * generation's size (this runs for every proposal and result a generation receives).
     */
    public List<VariantRecord> variants(String runId, int generation) {
        List<VariantProposed> proposed = new ArrayList<>();
        for (Document document : proposals.find(Filters.and(Filters.eq("runId", runId),
                Filters.eq("generation", generation)))) {
            proposed.add(EventCodec.read(document.getString("event"), VariantProposed.class));
        }
        Map<String, TrainingResult> resultsById = results(proposed.stream().map(VariantProposed::variantId).toList());
        List<VariantRecord> variants = new ArrayList<>();
        for (VariantProposed proposal : proposed) {
            variants.add(new VariantRecord(proposal, resultsById.get(proposal.variantId())));
        }
        return variants;
    }

    /** The results of these variants, by variant id ($in on _id: MongoDB and the local store both answer it). */
    public Map<String, TrainingResult> results(Collection<String> variantIds) {
        Map<String, TrainingResult> found = new HashMap<>();
        if (!variantIds.isEmpty()) {
            for (Document document : results.find(Filters.in("_id", List.copyOf(new LinkedHashSet<>(variantIds))))) {
                found.put(document.getString("_id"), EventCodec.read(document.getString("event"),
                        TrainingResult.class));
            }
        }
        return found;
    }

    public Optional<TrainingResult> result(String variantId) {
        return Optional.ofNullable(results.find(Filters.eq("_id", variantId)).first())
                .map(d -> EventCodec.read(d.getString("event"), TrainingResult.class));
    }

    private static boolean insertOnce(MongoCollection<Document> collection, String id, String runId, int generation,
                                      String event, String traceparent) {
        Document document = new Document("_id", id).append("runId", runId).append("generation", generation)
                .append("event", event);
        if (traceparent != null) {
            document.append(TRACEPARENT, traceparent);
        }
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable run state: " + e.getOriginalMessage(), e);
        }
    }
}
