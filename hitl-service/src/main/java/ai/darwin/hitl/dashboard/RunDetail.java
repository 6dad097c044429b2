package ai.darwin.hitl.dashboard;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.VerificationReport;
import java.util.List;

/**
 * One run, everything its dashboard page shows but the leaderboard and the approvals.
 *
 * @param run              its summary
 * @param config           the configuration it was requested with
 * @param statusReason     why it is paused or stopping, and by whom
 * @param costUsd          the LLM cost of the run, once it ended
 * @param verification     the final verification report: the champion against the unmodified seed program
 * @param generations      every generation opened so far, with its statistics once closed
 * @param training         variants in training now, with their latest progress
 * @param pendingApprovals approval requests waiting for a human
 * @param interventions    the latest human interventions, most recent first
 */
public record RunDetail(RunSummary run, RunConfig config, String statusReason, Double costUsd,
                        VerificationReport verification, List<GenerationSummary> generations,
                        List<VariantInTraining> training, long pendingApprovals, List<InterventionView> interventions) {
}
