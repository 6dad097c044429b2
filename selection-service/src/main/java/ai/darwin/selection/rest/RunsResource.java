package ai.darwin.selection.rest;

import ai.darwin.events.Envelope;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.selection.messaging.EventPublisher;
import ai.darwin.selection.run.RunValidation;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Starts runs: a valid configuration becomes a RunRequested event on the runs topic. */
@Path("/runs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final EventPublisher publisher;

    RunsResource(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Operation(summary = "Request a new evolution run",
            description = "Answers 202 once the RunRequested event is on the broker; 400 names the invalid field.")
    public CompletionStage<Response> request(RunConfig config) {
        if (config == null) {
            throw new BadRequestException("a run configuration is required as the JSON body");
        }
        RunValidation.check(config);
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        RunRequested event = new RunRequested(Envelope.of(runId), config, "rest");
        return publisher.publish(event)
                .thenApply(ignored -> Response.accepted(new RunAccepted(runId, event.eventId())).build());
    }
}
