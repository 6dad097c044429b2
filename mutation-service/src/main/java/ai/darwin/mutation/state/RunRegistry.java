package ai.darwin.mutation.state;

import ai.darwin.events.run.RunRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configurations of the runs this service has seen requested. */
@ApplicationScoped
public class RunRegistry {

    private final Map<String, RunSettings> runs = new ConcurrentHashMap<>();

    public void onRunRequested(RunRequested request) {
        runs.put(request.runId(), RunSettings.of(request.config()));
    }

    public Optional<RunSettings> settings(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
