package ai.darwin.mutation.state;

import ai.darwin.events.Envelope;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalRequested;
import ai.darwin.training.harness.compile.ImportCatalogue;
import java.util.Optional;

/**
 * NEW_IMPORT requests against the import catalogue: what an agent asks for that can never be granted (files,
 * network, threads, reflection, processes, class loading, anything the catalogue does not hold) is declined here, as
 * it is asked, so that no human is asked to decide it and the agent reads why in its next prompt.
 */
public final class ImportRequests {

    /** The decidedBy of an automatic decision: the policy, not a person. */
    public static final String POLICY = "policy";

    private ImportRequests() {
    }

    /** @return the automatic refusal of a request, or empty when a human is to decide it */
    public static Optional<ApprovalDecided> declineIfNeverGranted(ApprovalRequested request) {
        if (request.kind() != ApprovalKind.NEW_IMPORT) {
            return Optional.empty();
        }
        return ImportCatalogue.standard().refusal(request.detail()).map(reason -> new ApprovalDecided(
                Envelope.derived(request.runId(), "ApprovalDecided:" + request.requestId()), request.requestId(),
                false, POLICY, "declined automatically: " + reason));
    }
}
