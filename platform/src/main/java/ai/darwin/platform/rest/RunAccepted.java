package ai.darwin.platform.rest;

/**
 * The answer to a run request, at every door that takes one (selection-service {@code POST /runs}, hitl-service
 * {@code POST /api/runs}).
 *
 * @param runId   the new run's id
 * @param eventId the id of the RunRequested event published for it
 */
public record RunAccepted(String runId, String eventId) {
}
