package ai.darwin.memory.query;

import ai.darwin.memory.store.MemoryCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads of memory-service's views; finds, sorts and regexes only, which both stores accept. */
@ApplicationScoped
public class MemoryQueries {

    private final MemoryCollections collections;

    MemoryQueries(MemoryCollections collections) {
        this.collections = collections;
    }

    public List<Document> runs(int limit) {
        return collections.runs().find().sort(Sorts.descending("requestedAt")).limit(limit).into(new ArrayList<>());
    }

    public Optional<Document> run(String runId) {
        return Optional.ofNullable(collections.runs().find(Filters.eq("_id", runId)).first());
    }

    public Optional<Document> generation(String runId, int generation) {
        return Optional.ofNullable(collections.generations().find(Filters.eq("_id", runId + ":" + generation)).first());
    }

    public List<Document> generations(String runId) {
        return collections.generations().find(Filters.eq("runId", runId)).sort(Sorts.ascending("generation"))
                .into(new ArrayList<>());
    }

    public Optional<Document> variant(String variantId) {
        return Optional.ofNullable(collections.variants().find(Filters.eq("_id", variantId)).first());
    }

    /** The variants of a run (or of one of its generations), in the order they were proposed. */
    public List<Document> variants(String runId, Integer generation) {
        Bson filter = generation == null ? Filters.eq("runId", runId)
                : Filters.and(Filters.eq("runId", runId), Filters.eq("generation", generation));
        return collections.variants().find(filter).sort(Sorts.ascending("generation", "proposedAt", "_id"))
                .into(new ArrayList<>());
    }

    /**
     * Trained programs, lowest validation bits per byte first. Verification re-trainings are left out: they are the
     * champion and the seed again with other seeds, not programs of their own (the run's report has them). A result
     * whose proposal has not arrived yet (another topic) waits outside until its kind is known.
     */
    public List<Document> leaderboard(String runId, int limit) {
        return collections.variants().find(Filters.and(Filters.eq("runId", runId), Filters.eq("outcome", "COMPLETED"),
                        Filters.in("proposal.kind", "MUTATE", "BASELINE")))
                .sort(Sorts.ascending("valBitsPerByte", "_id")).limit(limit).into(new ArrayList<>());
    }

    /** A run's mutations that trained or failed, the latest proposed first. */
    public List<Document> recentAttempts(String runId, int limit) {
        return collections.variants().find(Filters.and(Filters.eq("runId", runId),
                        Filters.eq("proposal.kind", "MUTATE"), Filters.ne("outcome", "PENDING")))
                .sort(Sorts.descending("proposedAt", "_id")).limit(limit).into(new ArrayList<>());
    }

    /** The run's first baseline that trained: the seed's measure, for children of the seed. */
    public Optional<Document> baseline(String runId) {
        return Optional.ofNullable(collections.variants().find(Filters.and(Filters.eq("runId", runId),
                Filters.eq("proposal.kind", "BASELINE"), Filters.eq("outcome", "COMPLETED")))
                .sort(Sorts.ascending("generation", "_id")).first());
    }

    public List<Document> children(String variantId) {
        return collections.variants().find(Filters.eq("parentVariantIds", variantId)).sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    /** Variants that failed, and those whose result a sanity gate held; {@code failureClass} may name a gate. */
    public List<Document> failures(String runId, String failureClass) {
        Bson filter = Filters.and(Filters.eq("runId", runId), Filters.in("outcome", "FAILED", "HELD"));
        if (failureClass != null) {
            filter = Filters.and(filter, Filters.or(Filters.eq("failureClass", failureClass),
                    Filters.eq("integrityGates", failureClass)));
        }
        return collections.variants().find(filter).sort(Sorts.ascending("generation", "_id")).into(new ArrayList<>());
    }

    /** @param runIds the runs, or null for every run */
    public List<Document> completedOrFailed(List<String> runIds) {
        Bson trained = Filters.in("outcome", "COMPLETED", "FAILED");
        return collections.variants().find(runIds == null ? trained : Filters.and(Filters.in("runId", runIds), trained))
                .into(new ArrayList<>());
    }

    /** The run and every other run on the same dataset with the same preset: their lessons are comparable. */
    public List<String> runsLike(String runId) {
        Document config = run(runId).map(r -> r.get("config", Document.class)).orElse(null);
        Document dataset = config == null ? null : config.get("dataset", Document.class);
        if (dataset == null) {
            return List.of(runId);
        }
        List<String> like = new ArrayList<>(List.of(runId));
        collections.runs().find(Filters.and(Filters.eq("config.dataset.uri", dataset.getString("uri")),
                        Filters.eq("config.preset", config.getString("preset")), Filters.ne("_id", runId)))
                .sort(Sorts.ascending("_id")).forEach(r -> like.add(r.getString("_id")));
        return like;
    }

    /**
     * Variants whose reasoning contains the text, case-insensitively. A quoted regex, not {@code $text}: the local
     * store has no text index, and a run's memory is small enough to scan.
     */
    public List<Document> searchReasoning(String text, String runId, int limit) {
        Bson filter = Filters.regex("reasoning", Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE));
        if (runId != null) {
            filter = Filters.and(Filters.eq("runId", runId), filter);
        }
        return collections.variants().find(filter).sort(Sorts.ascending("runId", "generation", "_id")).limit(limit)
                .into(new ArrayList<>());
    }

    public List<Document> approvals(String runId) {
        return collections.approvals().find(Filters.eq("runId", runId)).into(new ArrayList<>());
    }

    public List<Document> interventions(String runId) {
        return collections.interventions().find(Filters.eq("runId", runId)).into(new ArrayList<>());
    }
}
