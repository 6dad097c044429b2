package ai.darwin.mutation.prompt;

import java.util.List;

/**
 * Lessons for a prompt: which changes helped or hurt, recurring failures and their causes.
 * {@code darwin.mutation.lessons.source} picks the source: memory-service's lessons, or none.
 */
public interface LessonsSource {

    /**
     * @param runId   the run
     * @param agentId the agent whose program is rewritten
     * @return lessons as lines of text, most useful first; empty when there are none
     */
    List<String> lessons(String runId, String agentId);
}
