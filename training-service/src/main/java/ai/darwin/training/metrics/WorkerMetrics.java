package ai.darwin.training.metrics;

import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.platform.metrics.RunMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What this worker trained, per run and per model that wrote the variant (see the README's metrics table): variants
 * trained and failed by failure class, and of each trained one its training seconds, tokens per second and MFU as
 * the harness measured them.
 */
@ApplicationScoped
public class WorkerMetrics {

    public static final String TRAINED = "darwin.training.variants.trained";
    public static final String FAILED = "darwin.training.variants.failed";
    public static final String DURATION = "darwin.training.duration";
    public static final String THROUGHPUT = "darwin.training.throughput";
    public static final String MFU = "darwin.training.mfu";

    private final MeterRegistry registry;
    private final RunMeters runs;

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.runs = new RunMeters(registry);
    }

    /** @param result the result published for the variant */
    public void recorded(VariantProposed variant, TrainingResult result) {
        Tags tags = runs.tags(variant.runId(), RunMeters.MODEL, RunMeters.model(variant.mutator().model()));
        if (result instanceof TrainingCompleted completed) {
            TrainingMetrics m = completed.metrics();
            registry.counter(TRAINED, tags).increment();
            summary(DURATION, "seconds", "Training seconds of a variant (the harness's timed loop)", tags)
                    .record(m.trainSeconds());
            summary(THROUGHPUT, "tokens.per.second", "Training tokens per second of a variant", tags)
                    .record(m.tokensPerSecond());
            summary(MFU, null, "Model FLOPs utilisation of a variant, 0 to 1", tags).record(m.mfu());
        } else if (result instanceof TrainingFailed failed) {
            registry.counter(FAILED, tags.and("failure_class", failed.failureClass().name())).increment();
        }
    }

    private DistributionSummary summary(String name, String unit, String description, Tags tags) {
        return DistributionSummary.builder(name).baseUnit(unit).description(description).tags(tags)
                .register(registry);
    }
}
