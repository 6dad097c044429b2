package ai.darwin.mutation.prompt;

import ai.darwin.mutation.config.MutationConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Picks the {@link LessonsSource} and {@link OutcomesSource} named by {@code darwin.mutation.lessons.source}. */
public class LessonsSources {

    /** No lessons in prompts. */
    public static final String NONE = "none";
    /** memory-service's lessons for the run. */
    public static final String MEMORY = "memory";

    @Produces
    @Singleton
    LessonsSource lessonsSource(MutationConfig config) {
        String source = config.lessons().source();
        if (NONE.equals(source)) {
            return (runId, agentId) -> List.of();
        }
        if (MEMORY.equals(source)) {
            return new MemoryLessons(new MemoryClient(config.lessons().url()), config.lessons().maxChars(),
                    config.lessons().acrossRuns());
        }
        throw unknown(source);
    }

    @Produces
    @Singleton
    OutcomesSource outcomesSource(MutationConfig config) {
        String source = config.lessons().source();
        if (NONE.equals(source)) {
            return (runId, parentVariantId, mutatorVariantId) -> Outcomes.NONE;
        }
        if (MEMORY.equals(source)) {
            return new MemoryOutcomes(new MemoryClient(config.lessons().url()), config.lessons().attempts(),
                    config.lessons().top());
        }
        throw unknown(source);
    }

    private static IllegalStateException unknown(String source) {
        return new IllegalStateException("unknown darwin.mutation.lessons.source '" + source + "': use '" + MEMORY
                + "' or '" + NONE + "'");
    }
}
