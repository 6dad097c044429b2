package ai.darwin.hitl.dashboard;

import ai.darwin.hitl.store.Documents;
import java.time.Instant;
import org.bson.Document;

/**
 * A run as the dashboard lists it.
 *
 * @param runId               the run
 * @param name                its name
 * @param status              REQUESTED, RUNNING, PAUSED, STOPPING or COMPLETED
 * @param currentGeneration   the latest generation opened, from 0
 * @param bestValBitsPerByte  the lowest validation bits per byte of any trained variant so far
 * @param championVariantId   the champion once the run completed, until then the best variant so far
 * @param outcome             why the run ended, once it did
 * @param verifiedImprovement the verification verdict at the end: true only if the champion beat the unmodified
 *                            seed program significantly; absent until a final verification ran
 * @param requestedAt         when it was requested
 * @param completedAt         when it ended
 */
public record RunSummary(String runId, String name, RunStatus status, Integer currentGeneration,
                         Double bestValBitsPerByte, String championVariantId, String outcome,
                         Boolean verifiedImprovement, Instant requestedAt, Instant completedAt) {

    /** @param best the run's best trained variant, or null */
    static RunSummary of(Document run, Document best) {
        Document verification = run.get("verification", Document.class);
        String champion = run.getString("championVariantId");
        String status = run.getString("status");
        return new RunSummary(run.getString("_id"), run.getString("name"),
                status == null ? null : RunStatus.valueOf(status), run.getInteger("currentGeneration"),
                best == null ? null : Documents.number(best, "valBitsPerByte"),
                champion != null ? champion : best == null ? null : best.getString("_id"), run.getString("outcome"),
                verification == null ? null : verification.getBoolean("improved"),
                Documents.instant(run, "requestedAt"), Documents.instant(run, "completedAt"));
    }
}
