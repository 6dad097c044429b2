package ai.darwin.memory.export;

import ai.darwin.events.variant.ProgramFile;
import ai.darwin.memory.query.ProgramSources;
import ai.darwin.memory.query.VariantView;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.bson.Document;

/**
 * One change in DARWIN's memory layout: the edit, its rationale, the state before it and the outcome after it.
 *
 * @param variantId      the variant the change produced
 * @param runId          the run
 * @param generation     the generation
 * @param agentId        the agent that owns the result
 * @param mutatorAgentId the agent that made the change
 * @param mutator        the mutator kind and model
 * @param edit           the unified diff against the previous state
 * @param rationale      the mutator's reasoning
 * @param previousState  the parent program and how it did
 * @param outcome        how the changed program did
 * @param changeKinds    the kinds of change the edit made
 * @param files          the changed program, every file of it, the entry first as {@code Program.java}: the edit
 *                       alone cannot rebuild a program whose parent is not in the export
 */
public record ChangeRecord(@JsonProperty("variant_id") String variantId, @JsonProperty("run_id") String runId,
                           int generation, @JsonProperty("agent_id") String agentId,
                           @JsonProperty("mutator_agent_id") String mutatorAgentId, String mutator, String edit,
                           String rationale, @JsonProperty("previous_state") State previousState, State outcome,
                           @JsonProperty("change_kinds") List<String> changeKinds, List<ProgramFile> files) {

    /**
     * A program and how it trained.
     *
     * @param variantId      the program's variant id
     * @param sourceSha256   the whole program's hash (ProgramFiles.sha256), when known
     * @param status         COMPLETED, FAILED, PENDING, or SEED
     * @param valBitsPerByte validation bits per byte, when trained
     * @param failureClass   why it failed, when it did
     */
    public record State(@JsonProperty("variant_id") String variantId, @JsonProperty("source_sha256") String sourceSha256,
                        String status, @JsonProperty("val_bpb") Double valBitsPerByte,
                        @JsonProperty("failure_class") String failureClass) {
    }

    static ChangeRecord of(Document variant, Document parent, String parentId) {
        VariantView view = VariantView.of(variant);
        Document proposal = variant.get("proposal", Document.class);
        State previous = parent == null
                ? new State(parentId, null, "SEED", null, null)
                : state(parent);
        return new ChangeRecord(view.variantId(), view.runId(), view.generation(), view.agentId(),
                view.mutatorAgentId(), view.model() == null ? view.mutator() : view.mutator() + ":" + view.model(),
                proposal.getString("diff"), view.reasoning(), previous, state(variant), view.changeKinds(),
                ProgramSources.list(proposal));
    }

    private static State state(Document variant) {
        VariantView view = VariantView.of(variant);
        Document proposal = variant.get("proposal", Document.class);
        return new State(view.variantId(), proposal == null ? null : proposal.getString("sourceSha256"),
                view.outcome(), view.valBitsPerByte(), view.failureClass());
    }
}
