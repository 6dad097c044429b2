package ai.darwin.memory.rest;

import ai.darwin.memory.retention.Retention;
import ai.darwin.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What retention deleted, and when. */
@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final Retention retention;

    RetentionResource(Retention retention) {
        this.retention = retention;
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Runs deleted by retention, newest first, with what each deletion removed",
            description = "Retention is the operator's business: needs an operator's token (401/403 otherwise).")
    public List<Map<String, Object>> log() {
        return retention.log().stream().map(d -> {
            d.remove("_id");
            return (Map<String, Object>) d;
        }).toList();
    }
}
