package ai.darwin.selection.rest;

/**
 * The answer to a run request.
 *
 * @param runId   the new run's id
 * @param eventId the id of the RunRequested event published for it
 */
public record RunAccepted(String runId, String eventId) {
}
