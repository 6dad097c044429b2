package ai.darwin.memory.rest;

import ai.darwin.memory.config.MemoryConfig;
import ai.darwin.memory.query.Lessons;
import ai.darwin.memory.query.LessonsBuilder;
import ai.darwin.memory.query.MemoryQueries;
import ai.darwin.memory.query.VariantView;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Search in the agents' reasoning, and the lessons memory draws from outcomes. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MemorySearchResource {

    private final MemoryQueries queries;
    private final LessonsBuilder lessons;
    private final MemoryConfig config;

    MemorySearchResource(MemoryQueries queries, LessonsBuilder lessons, MemoryConfig config) {
        this.queries = queries;
        this.lessons = lessons;
        this.config = config;
    }

    @GET
    @Path("search")
    @Operation(summary = "Variants whose reasoning contains the text (case-insensitive)")
    public List<VariantView> search(@QueryParam("q") String text, @QueryParam("runId") String runId,
                                    @QueryParam("limit") @DefaultValue("50") int limit) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("the query parameter q (the text to find) is required");
        }
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new BadRequestException("limit must be between 1 and " + config.maxPageSize());
        }
        return queries.searchReasoning(text, runId, limit).stream().map(VariantView::of).toList();
    }

    @GET
    @Path("lessons")
    @Operation(summary = "Which kinds of change helped or hurt, and which failures recur",
            description = "For one run; with acrossRuns=true, for it and every run with its dataset and preset; "
                    + "across all runs without runId. Each kind of change with its count and mean Δval_bpb ± SE; "
                    + "`text` fits within maxChars for a prompt.")
    public Lessons lessons(@QueryParam("runId") String runId,
                           @QueryParam("acrossRuns") @DefaultValue("false") boolean acrossRuns,
                           @QueryParam("maxChars") @DefaultValue("2000") int maxChars) {
        if (maxChars < 200 || maxChars > 100_000) {
            throw new BadRequestException("maxChars must be between 200 and 100000");
        }
        return lessons.lessons(runId, acrossRuns, maxChars);
    }
}
