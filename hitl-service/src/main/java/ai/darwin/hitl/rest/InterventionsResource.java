package ai.darwin.hitl.rest;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Guidance, veto, promote, pause, resume and stop: each becomes a HumanIntervention event. */
@Path("/runs/{runId}/interventions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "interventions")
public class InterventionsResource {

    private final EventPublisher publisher;
    private final SecurityIdentity caller;

    InterventionsResource(EventPublisher publisher, SecurityIdentity caller) {
        this.publisher = publisher;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Intervene in a run",
            description = "Answers 202 with the published event once the broker has it; 400 says what is missing. "
                    + "Needs an operator's token; the event records its name as 'by' (a 'by' in the body is ignored).")
    public CompletionStage<Response> intervene(@PathParam("runId") String runId, InterventionRequest request) {
        if (request == null) {
            throw new BadRequestException("an intervention is required as the JSON body");
        }
        HumanIntervention intervention = new HumanIntervention(Envelope.of(runId), EventCodec.newEventId(),
                request.kind(), request.agentId(), request.variantId(),
                request.message() == null ? "" : request.message(), caller.getPrincipal().getName());
        return publisher.publish(intervention).thenApply(ignored -> Response.accepted(intervention).build());
    }
}
