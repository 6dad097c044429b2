package ai.darwin.events.run;

import ai.darwin.events.DarwinEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An event of a run's lifecycle, on {@link ai.darwin.events.Topics#RUNS}, keyed by run id so that they stay in order. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunRequested.class, name = "RunRequested"),
        @JsonSubTypes.Type(value = RunStarted.class, name = "RunStarted"),
        @JsonSubTypes.Type(value = RunPaused.class, name = "RunPaused"),
        @JsonSubTypes.Type(value = RunResumed.class, name = "RunResumed"),
        @JsonSubTypes.Type(value = RunStopped.class, name = "RunStopped"),
        @JsonSubTypes.Type(value = RunCompleted.class, name = "RunCompleted")
})
public sealed interface RunEvent extends DarwinEvent
        permits RunRequested, RunStarted, RunPaused, RunResumed, RunStopped, RunCompleted {
}
