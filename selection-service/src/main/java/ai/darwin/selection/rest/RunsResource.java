package ai.darwin.selection.rest;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.platform.rest.ErrorBody;
import ai.darwin.platform.rest.RunAccepted;
import ai.darwin.platform.security.Roles;
import ai.darwin.platform.input.DatasetsConfig;
import ai.darwin.platform.input.RunRequestCheck;
import ai.darwin.selection.messaging.EventPublisher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Starts runs: a valid configuration becomes a RunRequested event on the runs topic. */
@Path("/runs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final EventPublisher publisher;
    private final SecurityIdentity caller;
    private final RunRequestCheck requests;

    RunsResource(EventPublisher publisher, SecurityIdentity caller, DatasetsConfig datasets) {
        this.publisher = publisher;
        this.caller = caller;
        this.requests = datasets.runRequests();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Request a new evolution run",
            description = "Answers 202 once the RunRequested event is on the broker; 400 names the invalid field. "
                    + "Needs an operator's token; the event records its name as requestedBy.")
    @APIResponse(responseCode = "202", description = "the run was requested",
            content = @Content(schema = @Schema(implementation = RunAccepted.class)))
    @APIResponse(responseCode = "400", description = "the configuration is invalid, or its dataset is not from an "
            + "allowed source (darwin.datasets.allowed-*)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the token is not an operator's",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<Response> request(RunConfig config) {
        RunRequested event = requests.request(config, caller.getPrincipal().getName());
        return publisher.publish(event)
                .thenApply(ignored -> Response.accepted(new RunAccepted(event.runId(), event.eventId())).build());
    }
}
