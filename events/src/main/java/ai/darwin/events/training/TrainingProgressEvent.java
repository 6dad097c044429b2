package ai.darwin.events.training;

import ai.darwin.events.DarwinEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Training started and progress reports, on {@link ai.darwin.events.Topics#TRAINING_PROGRESS}, keyed by variant id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrainingStarted.class, name = "TrainingStarted"),
        @JsonSubTypes.Type(value = TrainingProgress.class, name = "TrainingProgress")
})
public sealed interface TrainingProgressEvent extends DarwinEvent permits TrainingStarted, TrainingProgress {

    String variantId();
}
