package ai.darwin.events;

import ai.darwin.events.training.TrainingProgressEvent;
import ai.darwin.events.training.TrainingResult;
import ai.darwin.events.variant.VariantProposed;
import java.util.List;

/** Darwin's topics: names, partition counts and keys. The AsyncAPI document describes each of them. */
public final class Topics {

    /** Run lifecycle: requested, started, paused, resumed, stopped, completed. */
    public static final Topic RUNS = new Topic("darwin.runs.v1", 3, "runId");
    /** Generation opened and closed. */
    public static final Topic GENERATIONS = new Topic("darwin.generations.v1", 3, "runId");
    /** Variants ready to train; the training consumer group reads it, so it has room for many consumers. */
    public static final Topic VARIANTS = new Topic("darwin.variants.v1", 24, "variantId");
    /** Training started and progress reports. */
    public static final Topic TRAINING_PROGRESS = new Topic("darwin.training.progress.v1", 12, "variantId");
    /** The metrics topic: training completed (every metric) or failed (classified). */
    public static final Topic TRAINING_RESULTS = new Topic("darwin.training.results.v1", 12, "variantId");
    /** Approval requested and decided. */
    public static final Topic APPROVALS = new Topic("darwin.approvals.v1", 3, "runId");
    /** Human interventions: guidance, veto, promote, pause, resume, stop. */
    public static final Topic INTERVENTIONS = new Topic("darwin.interventions.v1", 3, "runId");
    /** Records that a consumer could not read or process, with the reason in their headers. */
    public static final Topic DEAD_LETTERS = new Topic("darwin.dead-letters.v1", 3, "the original key");

    /** Every topic Darwin creates. */
    public static final List<Topic> ALL = List.of(
            RUNS, GENERATIONS, VARIANTS, TRAINING_PROGRESS, TRAINING_RESULTS, APPROVALS, INTERVENTIONS, DEAD_LETTERS);

    private Topics() {
    }

    /** The Kafka key of an event: events that must stay in order share it. */
    public static String keyOf(DarwinEvent event) {
        if (event instanceof VariantProposed variant) {
            return variant.variantId();
        }
        if (event instanceof TrainingProgressEvent progress) {
            return progress.variantId();
        }
        if (event instanceof TrainingResult result) {
            return result.variantId();
        }
        return event.runId();
    }
}
