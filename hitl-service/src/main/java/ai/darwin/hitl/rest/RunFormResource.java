package ai.darwin.hitl.rest;

import ai.darwin.hitl.config.RunFormConfig;
import ai.darwin.hitl.dashboard.RunForm;
import ai.darwin.platform.input.DatasetsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the dashboard's run form offers; open to read like the rest of the dashboard, as it holds no secret. */
@Path("/api/run-form")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunFormResource {

    private final RunForm form;

    RunFormResource(RunFormConfig form, DatasetsConfig datasets) {
        this.form = RunForm.of(form, datasets.sources());
    }

    @GET
    @Operation(summary = "The allowed corpora, the mutators and a whole run configuration to start from")
    public RunForm form() {
        return form;
    }
}
