package ai.darwin.mutation.prompt;

import java.util.List;

/**
 * Lessons and recent lineage for a prompt: which changes helped or hurt, recurring failures and their causes. The
 * hook for memory-service, which does not serve them yet; {@code darwin.mutation.lessons.source} picks the source.
 */
public interface LessonsSource {

    /**
     * @param runId   the run
     * @param agentId the agent whose program is rewritten
     * @return lessons as lines of text, most useful first; empty when there are none
     */
    List<String> lessons(String runId, String agentId);
}
