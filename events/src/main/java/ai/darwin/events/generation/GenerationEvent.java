package ai.darwin.events.generation;

import ai.darwin.events.DarwinEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Opening and closing of generations, on {@link ai.darwin.events.Topics#GENERATIONS}, keyed by run id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = GenerationOpened.class, name = "GenerationOpened"),
        @JsonSubTypes.Type(value = GenerationClosed.class, name = "GenerationClosed")
})
public sealed interface GenerationEvent extends DarwinEvent permits GenerationOpened, GenerationClosed {

    /** The generation number, from 0. */
    int generation();
}
