package ai.darwin.selection.metrics;

import ai.darwin.platform.metrics.RunMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long each generation took, from its opening to its close, per run (see the README's metrics table); the
 * timer's count is the generations closed. A verification generation is kept apart: it trains pairs of the champion
 * and the seed, not a population.
 */
@ApplicationScoped
public class SelectionMetrics {

    public static final String GENERATION_DURATION = "darwin.selection.generation.duration";

    private final MeterRegistry registry;
    private final RunMeters runs;
    private final Clock clock = Clock.systemUTC();

    SelectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.runs = new RunMeters(registry);
    }

    /** @param openedAt when the generation opened */
    public void generationClosed(String runId, Instant openedAt, boolean verification) {
        Timer.builder(GENERATION_DURATION).description("Seconds from a generation's opening to its close")
                .tags(runs.tags(runId, "verification", Boolean.toString(verification))).register(registry)
                .record(Duration.between(openedAt, clock.instant()));
    }
}
