package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.HitlCollections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Reads of the dashboard's views; finds and sorts only, which both stores accept. */
@ApplicationScoped
public class DashboardQueries {

    private final HitlCollections collections;

    DashboardQueries(HitlCollections collections) {
        this.collections = collections;
    }

    /** Runs, newest first (runs whose request was not seen come last). */
    public List<Document> runs(int limit) {
        return collections.runs().find().sort(Sorts.descending("requestedAt")).limit(limit).into(new ArrayList<>());
    }

    public Optional<Document> run(String runId) {
        return Optional.ofNullable(collections.runs().find(Filters.eq("_id", runId)).first());
    }

    public List<Document> generations(String runId) {
        return collections.generations().find(Filters.eq("runId", runId)).sort(Sorts.ascending("generation"))
                .into(new ArrayList<>());
    }

    /**
     * Trained variants, lowest validation bits per byte first. Verification re-trainings of the champion and the
     * baseline are left out: they are the verification report's samples, not contenders. A result can arrive before
     * the assignment or proposal that says what kind of variant it is (they travel on other topics); it waits outside
     * the leaderboard until its kind is known, so a verification re-training never shows up as a contender.
     */
    public List<Document> leaderboard(String runId, int limit) {
        return collections.variants().find(Filters.and(Filters.eq("runId", runId), Filters.eq("outcome", "COMPLETED"),
                        Filters.in("kind", "MUTATE", "BASELINE")))
                .sort(Sorts.ascending("valBitsPerByte", "_id")).limit(limit).into(new ArrayList<>());
    }

    /** Variants a worker has taken that have no result yet and whose generation still waits for them. */
    public List<Document> inTraining(String runId) {
        return collections.variants().find(Filters.and(Filters.eq("runId", runId), Filters.exists("outcome", false),
                        Filters.ne("timedOut", true), Filters.or(Filters.exists("startedAt"), Filters.exists("progress"))))
                .sort(Sorts.ascending("generation", "_id")).into(new ArrayList<>());
    }

    /** One variant of a run, whole: its program, diff and curve included. */
    public Optional<Document> variant(String runId, String variantId) {
        return Optional.ofNullable(collections.variants()
                .find(Filters.and(Filters.eq("_id", variantId), Filters.eq("runId", runId))).first());
    }

    /**
     * The variants that competed, without their programs, diffs and curves (a page of lineage or plots needs none,
     * and a run's programs together weigh megabytes), by generation.
     */
    public List<Document> competitors(String runId) {
        return collections.variants().find(Filters.and(Filters.eq("runId", runId),
                        Filters.in("kind", "MUTATE", "BASELINE")))
                .projection(Projections.exclude("source", "diff", "curve", "reasoning", "logTail"))
                .sort(Sorts.ascending("generation", "_id")).into(new ArrayList<>());
    }

    /** The most recent interventions first. */
    public List<Document> interventions(String runId, int limit) {
        return collections.interventions().find(Filters.eq("runId", runId)).sort(Sorts.descending("at"))
                .limit(limit).into(new ArrayList<>());
    }
}
