package ai.darwin.memory.rest;

import ai.darwin.events.EventType;
import ai.darwin.memory.config.MemoryConfig;
import ai.darwin.memory.store.EventJournal;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A run's journaled events, as they were published. */
@Path("/runs/{runId}/events")
@Produces(MediaType.APPLICATION_JSON)
public class RunEventsResource {

    private final EventJournal journal;
    private final MemoryConfig config;

    RunEventsResource(EventJournal journal, MemoryConfig config) {
        this.journal = journal;
        this.config = config;
    }

    @GET
    @Operation(summary = "A run's events in the order they were produced",
            description = "Each event is returned once, however often it was delivered.")
    public List<Map<String, Object>> events(
            @PathParam("runId") String runId,
            @Parameter(description = "only events of this type, e.g. VariantProposed") @QueryParam("type") String type,
            @Parameter(description = "at most this many events") @QueryParam("limit") @DefaultValue("200") int limit) {
        if (type != null && Arrays.stream(EventType.values()).noneMatch(t -> t.typeName().equals(type))) {
            throw new BadRequestException("unknown event type '" + type + "'; known: "
                    + Arrays.stream(EventType.values()).map(EventType::typeName).toList());
        }
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new BadRequestException("limit must be between 1 and " + config.maxPageSize());
        }
        return journal.eventsOfRun(runId, type, limit).stream()
                .map(document -> (Map<String, Object>) document.get("payload", Document.class))
                .toList();
    }
}
