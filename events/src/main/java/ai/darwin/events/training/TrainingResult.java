package ai.darwin.events.training;

import ai.darwin.events.DarwinEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The outcome of a variant's training, on {@link ai.darwin.events.Topics#TRAINING_RESULTS} (the metrics topic),
 * keyed by variant id. Exactly one is recorded per variant; consumers deduplicate redeliveries by variant id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrainingCompleted.class, name = "TrainingCompleted"),
        @JsonSubTypes.Type(value = TrainingFailed.class, name = "TrainingFailed")
})
public sealed interface TrainingResult extends DarwinEvent permits TrainingCompleted, TrainingFailed {

    int generation();

    String variantId();

    /** The worker that trained it. */
    String workerId();
}
