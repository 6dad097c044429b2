package ai.darwin.memory.store;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.memory.query.ProgramChanges;
import ai.darwin.memory.query.ProgramSources;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keeps the queryable views of runs, generations, variants, approvals and interventions up to date from the
 * events. Every update is an idempotent upsert by the domain id, so applying an event twice changes nothing; a
 * variant's first training result wins, as it does at selection.
 */
@ApplicationScoped
public class Projections {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MemoryCollections collections;

    Projections(MemoryCollections collections) {
        this.collections = collections;
    }

    public void apply(DarwinEvent event) {
        if (event instanceof RunRequested e) {
            upsert(collections.runs(), e.runId(), Updates.combine(
                    Updates.set("name", e.config().name()), Updates.set("config", json(e.config())),
                    Updates.set("requestedAt", Date.from(e.timestamp())), Updates.setOnInsert("status", "REQUESTED")));
        } else if (event instanceof RunStarted e) {
            runStatus(e, "RUNNING", "startedAt");
        } else if (event instanceof RunPaused e) {
            runStatus(e, "PAUSED", "pausedAt");
        } else if (event instanceof RunResumed e) {
            runStatus(e, "RUNNING", "resumedAt");
        } else if (event instanceof RunStopped e) {
            runStatus(e, "STOPPING", "stoppedAt");
        } else if (event instanceof RunCompleted e) {
            upsert(collections.runs(), e.runId(), Updates.combine(
                    Updates.set("status", "COMPLETED"), Updates.set("completedAt", Date.from(e.timestamp())),
                    Updates.set("outcome", e.outcome().name()), Updates.set("championVariantId", e.championVariantId()),
                    Updates.set("generationsCompleted", e.generationsCompleted()),
                    Updates.set("verification", e.verification() == null ? null : json(e.verification())),
                    Updates.set("costUsd", e.costUsd())));
        } else if (event instanceof GenerationOpened e) {
            upsert(collections.generations(), e.runId() + ":" + e.generation(),
                    Updates.combine(Updates.set("runId", e.runId()), Updates.set("generation", e.generation()),
                            Updates.set("opened", json(e))));
        } else if (event instanceof GenerationClosed e) {
            upsert(collections.generations(), e.runId() + ":" + e.generation(),
                    Updates.combine(Updates.set("runId", e.runId()), Updates.set("generation", e.generation()),
                            Updates.set("closed", json(e))));
        } else if (event instanceof VariantProposed e) {
            Document proposal = json(e);
            upsert(collections.variants(), e.variantId(), Updates.combine(
                    Updates.set("runId", e.runId()), Updates.set("generation", e.generation()),
                    Updates.set("proposal", proposal), Updates.set("parentVariantIds", e.parentVariantIds()),
                    Updates.set("reasoning", e.reasoning()), Updates.set("changeKinds", ProgramChanges.of(parentProgram(e), ProgramSources.of(proposal), e.diff())),
                    Updates.set("proposedAt", Date.from(e.timestamp())), Updates.setOnInsert("outcome", "PENDING")));
        } else if (event instanceof TrainingStarted e) {
            upsert(collections.variants(), e.variantId(), Updates.combine(
                    Updates.set("runId", e.runId()), Updates.max("attempts", e.attempt()),
                    Updates.set("workerId", e.workerId())));
        } else if (event instanceof TrainingProgress e) {
            upsert(collections.variants(), e.variantId(),
                    Updates.set("lastProgress", json(e)));
        } else if (event instanceof TrainingCompleted e) {
            // a result a sanity gate held is kept with its gates, but off the leaderboard and out of the lessons
            firstResult(e.variantId(), Updates.combine(Updates.set("runId", e.runId()),
                    Updates.set("generation", e.generation()),
                    Updates.set("outcome", e.flagged() ? "HELD" : "COMPLETED"),
                    Updates.set("integrityGates", e.integrityFlags().stream().map(f -> f.gate().name()).toList()),
                    Updates.set("valBitsPerByte", e.metrics().valBitsPerByte()),
                    Updates.set("result", json(e))));
        } else if (event instanceof TrainingFailed e) {
            firstResult(e.variantId(), Updates.combine(Updates.set("runId", e.runId()),
                    Updates.set("generation", e.generation()), Updates.set("outcome", "FAILED"),
                    Updates.set("failureClass", e.failureClass().name()), Updates.set("result", json(e))));
        } else if (event instanceof ApprovalRequested e) {
            upsert(collections.approvals(), e.requestId(), Updates.combine(
                    Updates.set("runId", e.runId()), Updates.set("request", json(e))));
        } else if (event instanceof ApprovalDecided e) {
            upsert(collections.approvals(), e.requestId(), Updates.combine(
                    Updates.set("runId", e.runId()), Updates.set("decision", json(e))));
        } else if (event instanceof HumanIntervention e) {
            upsert(collections.interventions(), e.interventionId(), Updates.combine(
                    Updates.set("runId", e.runId()), Updates.set("intervention", json(e))));
        } else {
            throw new IllegalArgumentException("no projection for " + event.getClass().getSimpleName());
        }
    }

    /**
     * The program the variant changed, as its files: its parent variant's, or the one its generation opened with
     * (the seed is not a variant of its own); empty when neither is here yet, and the change kinds then come from
     * the diff.
     */
    private Map<String, String> parentProgram(VariantProposed proposal) {
        if (proposal.parentVariantIds().isEmpty()) {
            return Map.of();
        }
        String parentId = proposal.parentVariantIds().get(0);
        Document parent = collections.variants().find(Filters.eq("_id", parentId)).first();
        Map<String, String> program = ProgramSources.of(parent == null ? null : parent.get("proposal", Document.class));
        if (!program.isEmpty()) {
            return program;
        }
        Document generation = collections.generations()
                .find(Filters.eq("_id", proposal.runId() + ":" + proposal.generation())).first();
        Document opened = generation == null ? null : generation.get("opened", Document.class);
        return opened == null ? Map.of() : opened.getList("agents", Document.class, List.of()).stream()
                .filter(a -> parentId.equals(a.getString("variantId"))).findFirst()
                .map(ProgramSources::of).orElse(Map.of());
    }

    private void runStatus(DarwinEvent event, String status, String at) {
        // a late lifecycle event never reopens a completed run
        try {
            collections.runs().updateOne(Filters.and(Filters.eq("_id", event.runId()), Filters.ne("status", "COMPLETED")),
                    Updates.combine(Updates.set("status", status), Updates.set(at, Date.from(event.timestamp()))),
                    UPSERT);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void firstResult(String variantId, Bson update) {
        try {
            collections.variants().updateOne(Filters.and(Filters.eq("_id", variantId), Filters.exists("result", false)),
                    update, UPSERT);
        } catch (MongoWriteException e) {
            // the variant already has a result: a retrained variant is counted once
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static void upsert(MongoCollection<Document> collection, String id, Bson update) {
        collection.updateOne(Filters.eq("_id", id), update, UPSERT);
    }

    private static Document json(Object value) {
        return Document.parse(value instanceof DarwinEvent event ? EventCodec.write(event)
                : EventCodec.mapper().valueToTree(value).toString());
    }
}
