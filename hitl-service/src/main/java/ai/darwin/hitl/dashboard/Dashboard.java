package ai.darwin.hitl.dashboard;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.VerificationReport;
import ai.darwin.hitl.approval.ApprovalStore;
import ai.darwin.hitl.store.Documents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** What the dashboard's API serves, composed from hitl-service's own views. */
@ApplicationScoped
public class Dashboard {

    static final int INTERVENTIONS_SHOWN = 20;

    private final DashboardQueries queries;
    private final ApprovalStore approvals;

    Dashboard(DashboardQueries queries, ApprovalStore approvals) {
        this.queries = queries;
        this.approvals = approvals;
    }

    public List<RunSummary> runs(int limit) {
        return queries.runs(limit).stream().map(this::summary).toList();
    }

    public Optional<RunDetail> run(String runId) {
        return queries.run(runId).map(run -> new RunDetail(summary(run),
                Documents.read(run.get("config", Document.class), RunConfig.class), run.getString("statusReason"),
                Documents.number(run, "costUsd"),
                Documents.read(run.get("verification", Document.class), VerificationReport.class),
                queries.generations(runId).stream().map(GenerationSummary::of).toList(),
                RunStatus.COMPLETED.name().equals(run.getString("status")) ? List.of()
                        : queries.inTraining(runId).stream().map(VariantInTraining::of).toList(),
                approvals.pending(runId),
                queries.interventions(runId, INTERVENTIONS_SHOWN).stream().map(InterventionView::of).toList()));
    }

    /** Empty when there is no such run. */
    public Optional<List<LeaderboardEntry>> leaderboard(String runId, int limit) {
        return queries.run(runId).map(run -> {
            List<LeaderboardEntry> entries = new ArrayList<>();
            for (Document variant : queries.leaderboard(runId, limit)) {
                entries.add(LeaderboardEntry.of(entries.size() + 1, variant));
            }
            return entries;
        });
    }

    /** Empty when there is no such run. */
    public Optional<List<ClosedGeneration>> closedGenerations(String runId) {
        return queries.run(runId).map(run -> queries.generations(runId).stream()
                .filter(g -> g.get("closedAt") != null).map(ClosedGeneration::of).toList());
    }

    /** Empty when the run has no such variant. */
    public Optional<VariantPage> variant(String runId, String variantId) {
        return queries.variant(runId, variantId).map(VariantPage::of);
    }

    /** Empty when there is no such run. */
    public Optional<Lineage> lineage(String runId) {
        return queries.run(runId).map(run -> Lineage.of(queries.competitors(runId)));
    }

    /** Empty when there is no such run. */
    public Optional<RunSeries> series(String runId) {
        return queries.run(runId).map(run -> RunSeries.of(queries.competitors(runId), queries.generations(runId),
                Documents.read(run.get("verification", Document.class), VerificationReport.class)));
    }

    private RunSummary summary(Document run) {
        List<Document> best = queries.leaderboard(run.getString("_id"), 1);
        return RunSummary.of(run, best.isEmpty() ? null : best.get(0));
    }
}
