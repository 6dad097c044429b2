package ai.darwin.hitl.rest;

import ai.darwin.hitl.dashboard.Dashboard;
import ai.darwin.hitl.dashboard.Lineage;
import ai.darwin.hitl.dashboard.RunSeries;
import ai.darwin.hitl.dashboard.VariantPage;
import ai.darwin.platform.rest.ErrorBody;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The search as the dashboard draws it: each variant's page, the run's family tree and the series of its plots. */
@Path("/api/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class SearchResource {

    private final Dashboard dashboard;

    SearchResource(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Path("/variants/{variantId}")
    @Operation(summary = "One variant: its program, diff against its parent, reasoning, metrics, learning curve and, "
            + "on failure, the failure class and the tail of its output")
    @APIResponse(responseCode = "200", description = "the variant",
            content = @Content(schema = @Schema(implementation = VariantPage.class)))
    @APIResponse(responseCode = "404", description = "the run has no such variant",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public VariantPage variant(@PathParam("runId") String runId, @PathParam("variantId") String variantId) {
        return dashboard.variant(runId, variantId)
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no variant " + variantId));
    }

    @GET
    @Path("/lineage")
    @Operation(summary = "The run's family tree: its variants and an edge from each parent to its child")
    @APIResponse(responseCode = "200", description = "the lineage",
            content = @Content(schema = @Schema(implementation = Lineage.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Lineage lineage(@PathParam("runId") String runId) {
        return dashboard.lineage(runId).orElseThrow(() -> DashboardResource.noRun(runId));
    }

    @GET
    @Path("/series")
    @Operation(summary = "The run's plots: val_bpb, MFU and tokens/s per trained variant, the controls with the "
            + "noise floor, and the verification")
    @APIResponse(responseCode = "200", description = "the series",
            content = @Content(schema = @Schema(implementation = RunSeries.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RunSeries series(@PathParam("runId") String runId) {
        return dashboard.series(runId).orElseThrow(() -> DashboardResource.noRun(runId));
    }
}
