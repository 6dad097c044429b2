package ai.darwin.hitl.rest;

import ai.darwin.events.Envelope;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.hitl.approval.ApprovalStatus;
import ai.darwin.hitl.approval.ApprovalStore;
import ai.darwin.hitl.approval.ApprovalView;
import ai.darwin.hitl.approval.CorpusGrants;
import ai.darwin.hitl.approval.GrantScopes;
import ai.darwin.hitl.messaging.EventPublisher;
import ai.darwin.platform.rest.ErrorBody;
import ai.darwin.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What agents asked a human to allow, and the human's decisions, each published as an ApprovalDecided event. */
@Path("/runs/{runId}/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
public class ApprovalsResource {

    private final ApprovalStore store;
    private final EventPublisher publisher;
    private final SecurityIdentity caller;
    private final CorpusGrants corpora;

    ApprovalsResource(ApprovalStore store, EventPublisher publisher, SecurityIdentity caller, CorpusGrants corpora) {
        this.store = store;
        this.publisher = publisher;
        this.caller = caller;
        this.corpora = corpora;
    }

    @GET
    @Operation(summary = "A run's approval requests, oldest first")
    @APIResponse(responseCode = "200", description = "the requests",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ApprovalView.class)))
    @APIResponse(responseCode = "400", description = "status is neither pending nor decided",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<ApprovalView> list(@PathParam("runId") String runId,
                                   @Parameter(description = "pending or decided; all when absent")
                                   @QueryParam("status") String status) {
        Optional<ApprovalStatus> wanted = Optional.empty();
        if (status != null && !status.isBlank()) {
            wanted = Optional.of(ApprovalStatus.parse(status).orElseThrow(() ->
                    new BadRequestException("status must be pending or decided, not '" + status + "'")));
        }
        return store.list(runId, wanted);
    }

    @POST
    @Path("/{requestId}/decision")
    @RolesAllowed(Roles.APPROVER)
    @Blocking // an approved MORE_DATA reads its corpus to checksum it
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or refuse a request",
            description = "Answers 202 with the published ApprovalDecided once the broker has it. An approved "
                    + "MORE_BUDGET or LARGER_POPULATION takes effect from the run's next generation, and so does an "
                    + "approved MORE_DATA: its corpus (the body's 'corpus', else the request's detail), checked "
                    + "against the dataset allow-list and size cap and checksummed now, joins the training mixture "
                    + "of the run or, with scope 'lineage', of the requesting agent's variants. An approved NEW_IMPORT "
                    + "holds for the run or, with scope 'lineage', for the programs descending from the variant "
                    + "that asked. The decision "
                    + "records the caller's token name as decidedBy; a 'by' in the body is ignored.")
    @APIResponse(responseCode = "202", description = "the decision was published",
            content = @Content(schema = @Schema(implementation = ApprovalDecided.class)))
    @APIResponse(responseCode = "400", description = "approved is missing, or a MORE_DATA corpus is not allowed, too "
            + "large, unreadable or not the given SHA-256",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "the token is neither an approver's nor an operator's",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "the run has no such request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the request was decided already",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<Response> decide(@PathParam("runId") String runId, @PathParam("requestId") String requestId,
                                            DecisionRequest request) {
        if (request == null || request.approved() == null) {
            throw new BadRequestException("'approved' (true or false) is required in the JSON body");
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment();
        CorpusGrants.Grant grant = store.find(runId, requestId)
                .filter(asked -> asked.kind() == ApprovalKind.MORE_DATA && request.approved())
                .map(asked -> corpora.grant(asked, request.corpus(), request.scope(), request.sha256(),
                        request.weight()))
                .orElse(null);
        ApprovalScope scope = grant != null ? grant.scope() : store.find(runId, requestId)
                .map(asked -> GrantScopes.ofImport(asked, request.approved(), request.scope())).orElse(null);
        ApprovalDecided decision = new ApprovalDecided(Envelope.of(runId), requestId, request.approved(),
                caller.getPrincipal().getName(), comment, scope, grant == null ? null : grant.corpus());
        switch (store.claim(decision)) {
            case UNKNOWN -> throw new NotFoundException("run " + runId + " has no approval request " + requestId);
            case ALREADY_DECIDED -> throw new ClientErrorException(alreadyDecided(runId, requestId), 409);
            case CLAIMED -> { }
        }
        return publisher.publish(decision)
                .thenApply(ignored -> Response.accepted(decision).build())
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        store.release(decision);
                    }
                });
    }

    private String alreadyDecided(String runId, String requestId) {
        return store.find(runId, requestId).map(a -> "approval request " + requestId + " was already "
                        + (Boolean.TRUE.equals(a.approved()) ? "approved" : "refused") + " by " + a.decidedBy())
                .orElse("approval request " + requestId + " was already decided");
    }
}
