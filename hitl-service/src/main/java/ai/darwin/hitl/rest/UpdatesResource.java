package ai.darwin.hitl.rest;

import ai.darwin.hitl.dashboard.DashboardUpdates;
import ai.darwin.hitl.dashboard.DashboardUpdates.Update;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-sent events: the dashboard re-reads a view when told that it changed, and never polls. */
@Path("/api/updates")
@Tag(name = "dashboard")
public class UpdatesResource {

    private final DashboardUpdates updates;

    UpdatesResource(DashboardUpdates updates) {
        this.updates = updates;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "A notice per stored event: its run, its type and the variant it concerns",
            description = "Of one run with ?runId=, of every run without.")
    public Multi<Update> updates(@QueryParam("runId") String runId) {
        return updates.of(runId);
    }
}
