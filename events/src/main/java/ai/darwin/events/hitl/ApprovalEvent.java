package ai.darwin.events.hitl;

import ai.darwin.events.DarwinEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Approval requests and decisions, on {@link ai.darwin.events.Topics#APPROVALS}, keyed by run id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ApprovalRequested.class, name = "ApprovalRequested"),
        @JsonSubTypes.Type(value = ApprovalDecided.class, name = "ApprovalDecided")
})
public sealed interface ApprovalEvent extends DarwinEvent permits ApprovalRequested, ApprovalDecided {

    String requestId();
}
