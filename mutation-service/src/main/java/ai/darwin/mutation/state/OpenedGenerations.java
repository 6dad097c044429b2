package ai.darwin.mutation.state;

import ai.darwin.events.generation.GenerationOpened;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generations mutation-service worked on, the latest of each run (those it processed and, after a restart,
 * those read back from the topic): a runtime repair happens within its generation, and its prompt needs the
 * generation's budget, dataset, guidance and programs.
 */
@ApplicationScoped
public class OpenedGenerations {

    private final Map<String, GenerationOpened> latest = new ConcurrentHashMap<>();

    public void add(GenerationOpened generation) {
        latest.merge(generation.runId(), generation,
                (kept, next) -> next.generation() >= kept.generation() ? next : kept);
    }

    /** Generation {@code number} of the run, while it is the latest this service saw. */
    public Optional<GenerationOpened> get(String runId, int number) {
        return Optional.ofNullable(latest.get(runId)).filter(g -> g.generation() == number);
    }
}
