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

    /**
     * Each kind of change with its measured effect, helped first: for the offline mutators, which choose changes
     * by number rather than read text.
     *
     * @return empty when there are none, or when the source has no numbers
     */
    default List<ChangeKindEffect> effects(String runId) {
        return List.of();
    }
}
