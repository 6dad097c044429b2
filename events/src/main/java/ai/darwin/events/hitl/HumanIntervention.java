package ai.darwin.events.hitl;

import ai.darwin.events.DarwinEvent;
import ai.darwin.events.Envelope;
import ai.darwin.events.Nullable;
import ai.darwin.events.Require;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * A human acted on a run, on {@link ai.darwin.events.Topics#INTERVENTIONS}, keyed by run id.
 *
 * @param interventionId unique id
 * @param kind           guidance, veto, promote, pause, resume or stop
 * @param agentId        the agent it concerns (guidance for one agent), if any
 * @param variantId      the variant it concerns (veto, promote), if any
 * @param message        the guidance text or the reason
 * @param by             who acted
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeName("HumanIntervention")
public record HumanIntervention(String eventId, int schemaVersion, String runId, Instant timestamp,
                                String interventionId, InterventionKind kind, @Nullable String agentId,
                                @Nullable String variantId, String message, String by) implements DarwinEvent {

    public HumanIntervention {
        Require.envelope(eventId, schemaVersion, runId, timestamp);
        Require.text(interventionId, "interventionId");
        Require.present(kind, "kind");
        Require.present(message, "message");
        Require.text(by, "by");
        if ((kind == InterventionKind.VETO || kind == InterventionKind.PROMOTE) && variantId == null) {
            throw new IllegalArgumentException(kind + " needs a variantId");
        }
    }

    /** The event in its {@link Envelope}. */
    public HumanIntervention(Envelope envelope, String interventionId, InterventionKind kind, @Nullable String agentId,
                             @Nullable String variantId, String message, String by) {
        this(envelope.eventId(), envelope.schemaVersion(), envelope.runId(), envelope.timestamp(), interventionId, kind,
                agentId, variantId, message, by);
    }
}
