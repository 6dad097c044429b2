package ai.darwin.hitl.rest;

import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.input.DatasetsConfig;
import ai.darwin.platform.input.RunRequestCheck;
import ai.darwin.platform.rest.ErrorBody;
import ai.darwin.platform.rest.RunAccepted;
import ai.darwin.platform.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Starting a run from the dashboard. hitl-service never calls selection-service: it publishes the RunRequested, after
 * the same checks as selection-service's {@code POST /runs}, and selection-service checks it again as it reads it.
 * The form's defaults are {@link RunFormResource}'s; the reads of runs are {@link DashboardResource}'s, at this path too.
 */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunRequestsResource {

    private final EventPublisher publisher;
    private final SecurityIdentity caller;
    private final RunRequestCheck requests;

    RunRequestsResource(EventPublisher publisher, SecurityIdentity caller, DatasetsConfig datasets) {
        this.publisher = publisher;
        this.caller = caller;
        this.requests = datasets.runRequests();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Request a new evolution run",
            description = "Answers 202 once the RunRequested event is on the broker; 400 names the invalid field or "
                    + "the refused dataset. Needs an operator's token; the event records its name as requestedBy. "
                    + "The run appears in GET /api/runs as soon as hitl-service reads the event back.")
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
