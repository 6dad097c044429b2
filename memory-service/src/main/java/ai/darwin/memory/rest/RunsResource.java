package ai.darwin.memory.rest;

import ai.darwin.memory.export.GitExport;
import ai.darwin.memory.export.MemoryExport;
import ai.darwin.memory.query.MemoryQueries;
import ai.darwin.memory.query.VariantView;
import ai.darwin.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Runs, their leaderboards, generations, failures and exports. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final MemoryQueries queries;
    private final MemoryExport memoryExport;
    private final GitExport gitExport;

    RunsResource(MemoryQueries queries, MemoryExport memoryExport, GitExport gitExport) {
        this.queries = queries;
        this.memoryExport = memoryExport;
        this.gitExport = gitExport;
    }

    @GET
    @Operation(summary = "Runs, newest first")
    public List<RunSummary> runs(@QueryParam("limit") @DefaultValue("100") int limit) {
        return queries.runs(checkLimit(limit)).stream().map(RunSummary::of).toList();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run")
    public RunSummary run(@PathParam("runId") String runId) {
        return RunSummary.of(existing(runId));
    }

    @GET
    @Path("/{runId}/leaderboard")
    @Operation(summary = "A run's trained variants, lowest validation bits per byte first")
    public List<VariantView> leaderboard(@PathParam("runId") String runId,
                                         @QueryParam("limit") @DefaultValue("20") int limit) {
        existing(runId);
        return queries.leaderboard(runId, checkLimit(limit)).stream().map(VariantView::of).toList();
    }

    @GET
    @Path("/{runId}/generations")
    @Operation(summary = "A run's generations as opened and closed")
    public List<Map<String, Object>> generations(@PathParam("runId") String runId) {
        existing(runId);
        return queries.generations(runId).stream().map(RunsResource::generationView).toList();
    }

    @GET
    @Path("/{runId}/generations/{generation}")
    @Operation(summary = "One generation: its opening, its closing (ranking, survivors, statistics) and variants")
    public Map<String, Object> generation(@PathParam("runId") String runId,
                                          @PathParam("generation") int generation) {
        Document document = queries.generation(runId, generation)
                .orElseThrow(() -> new NotFoundException("run " + runId + " has no generation " + generation));
        Map<String, Object> view = generationView(document);
        view.put("variants", queries.variants(runId, generation).stream().map(VariantView::of).toList());
        return view;
    }

    @GET
    @Path("/{runId}/failures")
    @Operation(summary = "A run's failed variants, grouped by failure class, and those a sanity gate held, by gate")
    public Map<String, List<VariantView>> failures(@PathParam("runId") String runId,
                                                   @QueryParam("class") String failureClass) {
        existing(runId);
        Map<String, List<VariantView>> byClass = new LinkedHashMap<>();
        for (Document variant : queries.failures(runId, failureClass)) {
            VariantView view = VariantView.of(variant);
            String cause = view.failureClass() != null ? view.failureClass() : view.integrityGates().get(0);
            byClass.computeIfAbsent(cause, k -> new java.util.ArrayList<>()).add(view);
        }
        return byClass;
    }

    @GET
    @Path("/{runId}/export/json")
    @RolesAllowed(Roles.OPERATOR)
    @Produces("application/zip")
    @Operation(summary = "The run's memory as JSON files in DARWIN's layout (zip)",
            description = "Every source and diff of the run: needs an operator's token (401/403 otherwise).")
    public Response exportJson(@PathParam("runId") String runId) {
        Document run = existing(runId);
        return attachment(memoryExport.zip(runId, run), runId + "-memory.zip");
    }

    @GET
    @Path("/{runId}/export/git")
    @RolesAllowed(Roles.OPERATOR)
    @Produces("application/zip")
    @Operation(summary = "The run's memory as a git repository, one commit per variant (zip)",
            description = "Every source of the run: needs an operator's token (401/403 otherwise).")
    public Response exportGit(@PathParam("runId") String runId) {
        Document run = existing(runId);
        return attachment(gitExport.zip(runId, run.getString("championVariantId")), runId + "-git.zip");
    }

    private Document existing(String runId) {
        return queries.run(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        return limit;
    }

    private static Map<String, Object> generationView(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("generation", document.getInteger("generation"));
        view.put("opened", document.get("opened"));
        view.put("closed", document.get("closed"));
        return view;
    }

    private static Response attachment(byte[] zip, String name) {
        return Response.ok(zip).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
