package ai.darwin.hitl.rest;

import ai.darwin.hitl.dashboard.ClosedGeneration;
import ai.darwin.hitl.dashboard.Dashboard;
import ai.darwin.hitl.dashboard.LeaderboardEntry;
import ai.darwin.hitl.dashboard.RunDetail;
import ai.darwin.hitl.dashboard.RunSummary;
import ai.darwin.platform.rest.ErrorBody;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The web dashboard's API: runs, their generations, variants in training and leaderboards, from hitl's own views. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class DashboardResource {

    private final Dashboard dashboard;

    DashboardResource(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GET
    @Operation(summary = "Runs, newest first",
            description = "Each with its status, current generation, best val_bpb, champion, outcome and verdict.")
    public List<RunSummary> runs(@QueryParam("limit") @DefaultValue("100") int limit) {
        return dashboard.runs(checkLimit(limit));
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run",
            description = "Its configuration, generations with statistics, variants in training with their latest "
                    + "progress, pending approvals, recent interventions and, once it ended, the verification report.")
    @APIResponse(responseCode = "200", description = "the run",
            content = @Content(schema = @Schema(implementation = RunDetail.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public RunDetail run(@PathParam("runId") String runId) {
        return dashboard.run(runId).orElseThrow(() -> noRun(runId));
    }

    @GET
    @Path("/{runId}/leaderboard")
    @Operation(summary = "A run's trained variants, lowest val_bpb first",
            description = "With agent, generation, mutator, MFU and tokens/s; verification re-trainings left out.")
    @APIResponse(responseCode = "200", description = "the leaderboard",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LeaderboardEntry.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<LeaderboardEntry> leaderboard(@PathParam("runId") String runId,
                                              @QueryParam("limit") @DefaultValue("50") int limit) {
        return dashboard.leaderboard(runId, checkLimit(limit)).orElseThrow(() -> noRun(runId));
    }

    @GET
    @Path("/{runId}/generations")
    @Operation(summary = "A run's closed generations: ranking, survivors and statistics")
    @APIResponse(responseCode = "200", description = "the closed generations, in order",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ClosedGeneration.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<ClosedGeneration> generations(@PathParam("runId") String runId) {
        return dashboard.closedGenerations(runId).orElseThrow(() -> noRun(runId));
    }

    static NotFoundException noRun(String runId) {
        return new NotFoundException("no run " + runId);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return limit;
    }
}
