package ai.darwin.memory.rest;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.memory.query.Lineage;
import ai.darwin.memory.query.LineageNode;
import ai.darwin.memory.query.MemoryQueries;
import ai.darwin.memory.query.ProgramSources;
import ai.darwin.memory.query.VariantView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Variants with their source, diff, outcome and lineage. */
@Path("/variants/{variantId}")
@Produces(MediaType.APPLICATION_JSON)
public class VariantsResource {

    private final MemoryQueries queries;
    private final Lineage lineage;

    VariantsResource(MemoryQueries queries, Lineage lineage) {
        this.queries = queries;
        this.lineage = lineage;
    }

    /**
     * @param variant   what was proposed and how it trained
     * @param source    the program's entry file, a single-file program's whole program
     * @param diff      the unified diff against its parent, file by file
     * @param result    the training result event (metrics or failure with its log tail)
     * @param files     the program's other files, sorted by path; empty for a single-file program
     */
    public record VariantDetail(VariantView variant, String source, String diff, Map<String, Object> result,
                                List<ProgramFile> files) {
    }

    /**
     * @param ancestors   nearest first, down to the seed
     * @param descendants the variant and everything derived from it
     */
    public record LineageView(List<LineageNode> ancestors, LineageNode descendants) {
    }

    @GET
    @Operation(summary = "A variant with its program (the entry file and its other files) and diff")
    public VariantDetail variant(@PathParam("variantId") String variantId) {
        Document variant = existing(variantId);
        Document proposal = variant.get("proposal", Document.class);
        return new VariantDetail(VariantView.of(variant), proposal == null ? null : proposal.getString("source"),
                proposal == null ? null : proposal.getString("diff"), variant.get("result", Document.class),
                ProgramSources.list(proposal).stream().skip(1).toList());
    }

    @GET
    @Path("/lineage")
    @Operation(summary = "A variant's ancestors and descendants")
    public LineageView lineage(@PathParam("variantId") String variantId) {
        Document variant = existing(variantId);
        return new LineageView(lineage.ancestors(variant), lineage.descendants(variant));
    }

    private Document existing(String variantId) {
        return queries.variant(variantId).orElseThrow(() -> new NotFoundException("no variant " + variantId));
    }
}
