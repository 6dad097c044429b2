package ai.darwin.memory.rest;

import ai.darwin.memory.query.PromptContext;
import ai.darwin.memory.query.PromptContextBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The outcomes a mutation prompt shows: the parent's measure, its lineage, recent attempts, the run's best. */
@Path("/prompt-context")
@Produces(MediaType.APPLICATION_JSON)
public class PromptContextResource {

    /** More than this would not fit a prompt's sections anyway. */
    static final int MAX_ITEMS = 50;

    private final PromptContextBuilder builder;

    PromptContextResource(PromptContextBuilder builder) {
        this.builder = builder;
    }

    @GET
    @Operation(summary = "Outcomes for a mutation prompt",
            description = "The parent's metrics with Δ against its parent and its generation's control, the run's "
                    + "noise floor, the parent's lineage, the latest attempts (run-wide and from the lineage) with "
                    + "their outcome, the top programs and the mutating agent's program; texts are cut.")
    public PromptContext context(@QueryParam("runId") String runId,
                                 @QueryParam("parentVariantId") String parentVariantId,
                                 @QueryParam("mutatorVariantId") String mutatorVariantId,
                                 @QueryParam("attempts") @DefaultValue("8") int attempts,
                                 @QueryParam("top") @DefaultValue("3") int top) {
        if (runId == null || runId.isBlank()) {
            throw new BadRequestException("the query parameter runId is required");
        }
        if (attempts < 0 || attempts > MAX_ITEMS || top < 0 || top > MAX_ITEMS) {
            throw new BadRequestException("attempts and top must be between 0 and " + MAX_ITEMS);
        }
        return builder.context(runId, parentVariantId, mutatorVariantId, attempts, top);
    }
}
