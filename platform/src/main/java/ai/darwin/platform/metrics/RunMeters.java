package ai.darwin.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@code run} tag of Darwin's domain metrics, with its cardinality bounded: a registry holds the meters of the
 * {@link #MAX_RUNS} runs it saw most recently, and the meters of the run pushed out are removed from it. A run ID is
 * a fresh UUID per run, so without a bound every run ever started would stay a time series until the pod restarts;
 * a dashboard watches the runs in progress, and Prometheus keeps the history of a removed run's series.
 */
public final class RunMeters {

    /** A box runs one or two evolutions at a time; 20 keeps the recent ones on a dashboard at a bounded cost. */
    public static final int MAX_RUNS = 20;
    public static final String RUN = "run";
    public static final String MODEL = "model";
    /** The model tag of a variant no LLM wrote. */
    public static final String NO_MODEL = "none";

    private final MeterRegistry registry;
    private final int maxRuns;
    private final LinkedHashSet<String> runs = new LinkedHashSet<>();

    public RunMeters(MeterRegistry registry) {
        this(registry, MAX_RUNS);
    }

    public RunMeters(MeterRegistry registry, int maxRuns) {
        this.registry = registry;
        this.maxRuns = maxRuns;
    }

    /**
     * @param runId the run a measurement belongs to; it becomes the most recent run
     * @param more  further tags as key, value pairs
     * @return the run tag and the others
     */
    public Tags tags(String runId, String... more) {
        List<String> evicted = new ArrayList<>();
        synchronized (runs) {
            runs.remove(runId);
            runs.add(runId);
            while (runs.size() > maxRuns) {
                String oldest = runs.iterator().next();
                runs.remove(oldest);
                evicted.add(oldest);
            }
        }
        evicted.forEach(this::forget);
        return Tags.of(RUN, runId).and(more);
    }

    /** @return the model tag's value for an LLM model that may be absent */
    public static String model(String model) {
        return model == null || model.isBlank() ? NO_MODEL : model;
    }

    /** Removes every meter tagged with this run, e.g. once it has ended. */
    public void forget(String runId) {
        synchronized (runs) {
            runs.remove(runId);
        }
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (runId.equals(meter.getId().getTag(RUN))) {
                registry.remove(meter);
            }
        }
    }
}
