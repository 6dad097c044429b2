package ai.darwin.mutation.prompt;

import ai.darwin.mutation.config.MutationConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Picks the {@link LessonsSource} named by {@code darwin.mutation.lessons.source}. */
public class LessonsSources {

    /** No lessons: what there is until memory-service serves them. */
    public static final String NONE = "none";

    @Produces
    @Singleton
    LessonsSource lessonsSource(MutationConfig config) {
        String source = config.lessons().source();
        if (NONE.equals(source)) {
            return (runId, agentId) -> List.of();
        }
        throw new IllegalStateException("unknown darwin.mutation.lessons.source '" + source + "': only '" + NONE
                + "' exists until memory-service serves lessons");
    }
}
