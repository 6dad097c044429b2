package ai.darwin.hitl.dashboard;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.generation.GenerationClosed;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.generation.RankedVariant;
import ai.darwin.events.generation.VariantOutcome;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.RunCompleted;
import ai.darwin.events.run.RunPaused;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.RunResumed;
import ai.darwin.events.run.RunStarted;
import ai.darwin.events.run.RunStopped;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingProgress;
import ai.darwin.events.training.TrainingStarted;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.hitl.config.HitlConfig;
import ai.darwin.hitl.store.Documents;
import ai.darwin.hitl.store.HitlCollections;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Keeps the dashboard's views of runs, generations, variants and interventions up to date from the events. Every
 * update is an upsert by the domain id that sets what the event says, so events of different topics may arrive in
 * any order and a redelivered one changes nothing. A variant's first training result wins, as at selection. Each
 * variant keeps its program, its diff and its learning curve, each bounded ({@link HitlConfig}), so that the
 * dashboard shows what every agent changed and how it trained without asking another service.
 */
@ApplicationScoped
public class DashboardProjection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final HitlCollections collections;
    private final int reasoningChars;
    private final int programChars;
    private final int curvePoints;

    DashboardProjection(HitlCollections collections, HitlConfig config) {
        this.collections = collections;
        this.reasoningChars = config.reasoningChars();
        this.programChars = config.programChars();
        this.curvePoints = config.curvePoints();
    }

    public void apply(DarwinEvent event) {
        if (event instanceof RunRequested e) {
            upsert(collections.runs(), e.runId(), Updates.combine(Updates.set("name", e.config().name()),
                    Updates.set("config", Documents.of(e.config())), Updates.set("requestedBy", e.requestedBy()),
                    Updates.set("requestedAt", Documents.date(e.timestamp())),
                    Updates.setOnInsert("status", RunStatus.REQUESTED.name())));
        } else if (event instanceof RunStarted e) {
            runStatus(e, RunStatus.RUNNING, null);
        } else if (event instanceof RunPaused e) {
            runStatus(e, RunStatus.PAUSED, e.reason() + " (" + e.by() + ")");
        } else if (event instanceof RunResumed e) {
            runStatus(e, RunStatus.RUNNING, null);
        } else if (event instanceof RunStopped e) {
            runStatus(e, RunStatus.STOPPING, e.reason() + " (" + e.by() + ")");
        } else if (event instanceof RunCompleted e) {
            upsert(collections.runs(), e.runId(), Updates.combine(Updates.set("status", RunStatus.COMPLETED.name()),
                    Updates.set("completedAt", Documents.date(e.timestamp())), Updates.set("outcome", e.outcome().name()),
                    Updates.set("championVariantId", e.championVariantId()),
                    Updates.set("generationsCompleted", e.generationsCompleted()), Updates.set("costUsd", e.costUsd()),
                    Updates.set("verification", e.verification() == null ? null : Documents.of(e.verification()))));
        } else if (event instanceof GenerationOpened e) {
            opened(e);
        } else if (event instanceof GenerationClosed e) {
            closed(e);
        } else if (event instanceof VariantProposed e) {
            proposed(e);
        } else if (event instanceof TrainingStarted e) {
            upsert(collections.variants(), e.variantId(), Updates.combine(variantOf(e.runId(), e.generation()),
                    Updates.set("workerId", e.workerId()), Updates.max("attempt", e.attempt()),
                    Updates.set("startedAt", Documents.date(e.timestamp()))));
        } else if (event instanceof TrainingProgress e) {
            progress(e);
        } else if (event instanceof TrainingCompleted e) {
            TrainingMetrics m = e.metrics();
            // a result a sanity gate held is shown with its gates, never on the leaderboard
            firstResult(e.variantId(), Updates.combine(variantOf(e.runId(), e.generation()),
                    Updates.set("outcome", e.flagged() ? "HELD" : "COMPLETED"),
                    Updates.set("integrityGates", e.integrityFlags().stream().map(f -> f.gate().name()).toList()),
                    Updates.set("valBitsPerByte", m.valBitsPerByte()),
                    Updates.set("metrics", Documents.of(m)), Updates.set("finishedAt", Documents.date(e.timestamp()))));
        } else if (event instanceof TrainingFailed e) {
            firstResult(e.variantId(), Updates.combine(variantOf(e.runId(), e.generation()),
                    Updates.set("outcome", "FAILED"), Updates.set("failureClass", e.failureClass().name()),
                    Updates.set("failureMessage", clip(e.message(), reasoningChars)),
                    Updates.set("logTail", clip(e.logTail(), reasoningChars)), Updates.set("workerId", e.workerId()),
                    Updates.set("finishedAt", Documents.date(e.timestamp()))));
        } else if (event instanceof HumanIntervention e) {
            intervention(e);
        } else {
            throw new IllegalArgumentException("the dashboard has no view of " + event.getClass().getSimpleName());
        }
    }

    private void opened(GenerationOpened e) {
        List<Document> agents = e.agents().stream()
                .map(a -> new Document("agentId", a.agentId()).append("variantId", a.variantId())).toList();
        boolean verifies = !e.assignments().isEmpty()
                && e.assignments().stream().map(Assignment::kind).allMatch(AssignmentKind.VERIFY::equals);
        upsert(collections.generations(), e.runId() + ":" + e.generation(), Updates.combine(
                Updates.set("runId", e.runId()), Updates.set("generation", e.generation()),
                Updates.set("openedAt", Documents.date(e.timestamp())), Updates.set("deadline", Documents.date(e.deadline())),
                Updates.set("agents", agents), Updates.set("assignments", e.assignments().size()),
                Updates.set("verifies", verifies), Updates.set("budget", Documents.of(e.budget())),
                Updates.set("guidance", e.guidance())));
        upsert(collections.runs(), e.runId(), Updates.max("currentGeneration", e.generation()));
    }

    private void closed(GenerationClosed e) {
        List<Document> ranking = new ArrayList<>();
        for (RankedVariant ranked : e.ranking()) {
            ranking.add(Documents.of(ranked));
            if (ranked.outcome() == VariantOutcome.TIMED_OUT) {
                // no result came before the deadline: the variant is no longer in training as far as the run goes
                upsert(collections.variants(), ranked.variantId(), Updates.combine(
                        variantOf(e.runId(), e.generation()), Updates.set("timedOut", true)));
            }
        }
        upsert(collections.generations(), e.runId() + ":" + e.generation(), Updates.combine(
                Updates.set("runId", e.runId()), Updates.set("generation", e.generation()),
                Updates.set("closedAt", Documents.date(e.timestamp())), Updates.set("ranking", ranking),
                Updates.set("survivors", e.survivors().stream().map(Documents::of).toList()),
                Updates.set("statistics", Documents.of(e.statistics())),
                Updates.set("verification", e.verification() == null ? null : Documents.of(e.verification())),
                Updates.set("controlVariantId", e.controlVariantId()),
                Updates.set("noiseFloor", e.noiseFloor() == null ? null : Documents.of(e.noiseFloor()))));
        upsert(collections.runs(), e.runId(), Updates.max("currentGeneration", e.generation()));
    }

    private void progress(TrainingProgress e) {
        Document point = new Document("step", e.step()).append("tokensSeen", e.tokensSeen())
                .append("trainLoss", e.trainLoss()).append("tokensPerSecond", e.tokensPerSecond())
                .append("fractionDone", e.fractionDone());
        upsert(collections.variants(), e.variantId(), Updates.combine(variantOf(e.runId(), e.generation()),
                Updates.set("workerId", e.workerId()), Updates.set("progress", new Document(point)
                        .append("etaSeconds", e.etaSeconds()).append("at", Documents.date(e.timestamp())))));
        // the same report redelivered is the same point, which $addToSet adds once; a full curve takes no more
        collections.variants().updateOne(Filters.and(Filters.eq("_id", e.variantId()),
                Filters.exists("curve." + (curvePoints - 1), false)), Updates.addToSet("curve", point));
    }

    private void proposed(VariantProposed e) {
        KeptFiles files = KeptFiles.of(e.filesOrNone(), programChars);
        long added = e.diff().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
        long removed = e.diff().lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
        upsert(collections.variants(), e.variantId(), Updates.combine(variantOf(e.runId(), e.generation()),
                Updates.set("kind", e.kind().name()), Updates.set("agentId", e.targetAgentId()),
                Updates.set("mutatorAgentId", e.mutatorAgentId()), Updates.set("parentVariantIds", e.parentVariantIds()),
                Updates.set("mutator", e.mutator().kind()), Updates.set("model", e.mutator().model()),
                Updates.set("proposalStatus", e.status().name()), Updates.set("reasoning", clip(e.reasoning(), reasoningChars)),
                // bounded by the contract (at most 50 entries of 1,000 characters: a longer list is never decoded)
                Updates.set("lessons", e.lessonsOrNone()),
                Updates.set("linesAdded", added), Updates.set("linesRemoved", removed),
                Updates.set("source", clip(e.source(), programChars)), Updates.set("diff", clip(e.diff(), programChars)),
                Updates.set("files", files.kept()), Updates.set("filesLeftOut", files.leftOut()),
                Updates.set("validationErrors", e.validationErrors()), Updates.set("proposedAttempt", e.attemptNumber()),
                Updates.set("repairOf", e.repairOf()),
                Updates.set("costUsd", e.usage().costUsd()), Updates.set("proposedAt", Documents.date(e.timestamp()))));
    }

    private void intervention(HumanIntervention e) {
        upsert(collections.interventions(), e.interventionId(), Updates.combine(Updates.set("runId", e.runId()),
                Updates.set("kind", e.kind().name()), Updates.set("agentId", e.agentId()),
                Updates.set("variantId", e.variantId()), Updates.set("message", e.message()), Updates.set("by", e.by()),
                Updates.set("at", Documents.date(e.timestamp()))));
        if (e.kind() == InterventionKind.VETO || e.kind() == InterventionKind.PROMOTE) {
            upsert(collections.variants(), e.variantId(), Updates.combine(Updates.set("runId", e.runId()),
                    Updates.set(e.kind() == InterventionKind.VETO ? "vetoed" : "promoted", true)));
        }
    }

    private void runStatus(DarwinEvent event, RunStatus status, String reason) {
        // a late lifecycle event never reopens a completed run
        try {
            collections.runs().updateOne(Filters.and(Filters.eq("_id", event.runId()),
                            Filters.ne("status", RunStatus.COMPLETED.name())),
                    Updates.combine(Updates.set("status", status.name()), Updates.set("statusReason", reason)), UPSERT);
        } catch (MongoWriteException e) {
            if (!Documents.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private void firstResult(String variantId, Bson update) {
        try {
            collections.variants().updateOne(Filters.and(Filters.eq("_id", variantId), Filters.exists("outcome", false)),
                    update, UPSERT);
        } catch (MongoWriteException e) {
            // the variant has its result already: a retrained variant is counted once
            if (!Documents.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static Bson variantOf(String runId, int generation) {
        return Updates.combine(Updates.set("runId", runId), Updates.set("generation", generation));
    }

    private static void upsert(MongoCollection<Document> collection, String id, Bson update) {
        collection.updateOne(Filters.eq("_id", id), update, UPSERT);
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
