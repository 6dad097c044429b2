package ai.darwin.selection;

import ai.darwin.events.Envelope;
import ai.darwin.events.EventCodec;
import ai.darwin.events.generation.Assignment;
import ai.darwin.events.generation.GenerationOpened;
import ai.darwin.events.hitl.HumanIntervention;
import ai.darwin.events.hitl.InterventionKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.run.FitnessSpec;
import ai.darwin.events.run.RunConfig;
import ai.darwin.events.run.RunRequested;
import ai.darwin.events.run.SelectionSpec;
import ai.darwin.events.training.ArchitectureCard;
import ai.darwin.events.training.FailureClass;
import ai.darwin.events.training.IntegrityFlag;
import ai.darwin.events.training.IntegrityGate;
import ai.darwin.events.training.TrainingCompleted;
import ai.darwin.events.training.TrainingFailed;
import ai.darwin.events.training.TrainingMetrics;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import java.util.List;
import java.util.Map;

/** What mutation-service and training-service would publish, scripted for selection's tests. */
final class ScriptedEvents {

    private ScriptedEvents() {
    }

    static RunRequested runRequested(String runId, int population, int generations) {
        return runRequested(runId, population, generations, 0);
    }

    static RunRequested runRequested(String runId, int population, int generations, int verificationInterval) {
        return runRequested(runId, population, generations, verificationInterval, 3);
    }

    /** @param verificationSeeds the most pairs the verification may train */
    static RunRequested runRequested(String runId, int population, int generations, int verificationInterval,
                                     int verificationSeeds) {
        RunConfig config = new RunConfig("scripted", population, generations,
                new DatasetSpec("../shared/data/tinyshakespeare.txt", null, "char", 0.1), new TrainingBudget(10_000, 1), "cpu",
                "offline", null, new FitnessSpec("lexicographic", List.of("val_bpb", "mfu"), Map.of()),
                new SelectionSpec(1, 2, "others"), 0, 0, verificationSeeds, verificationInterval, 7);
        return new RunRequested(Envelope.of(runId), config, "test");
    }

    /** The variant a scripted mutator proposes for an assignment. */
    static VariantProposed proposal(GenerationOpened opened, Assignment assignment) {
        return proposal(opened, assignment, ProposalStatus.VALID);
    }

    /** What a mutator proposes when every repair failed: the parent's program, carried forward unchanged. */
    static VariantProposed carriedForward(GenerationOpened opened, Assignment assignment) {
        return proposal(opened, assignment, ProposalStatus.CARRIED_FORWARD);
    }

    private static VariantProposed proposal(GenerationOpened opened, Assignment assignment, ProposalStatus status) {
        String source = "class Variant { /* " + assignment.assignmentId() + " */ }";
        return new VariantProposed(Envelope.of(opened.runId()), opened.generation(), variantId(assignment),
                assignment.assignmentId(), assignment.kind(), assignment.mutatorAgentId(), assignment.targetAgentId(),
                List.of(assignment.parentVariantId()), source, "0".repeat(64), "--- a\n+++ b\n", "scripted change",
                new MutatorInfo("offline", null), new TokenUsage(100, 50, 1, 0.01), status, List.of(), opened.dataset(),
                opened.budget(), assignment.trainingSeed());
    }

    /** What the LLM mutator proposes first for an assignment: a failure of it may be repaired. */
    static VariantProposed llmProposal(GenerationOpened opened, Assignment assignment) {
        return attempt(opened, assignment, variantId(assignment), 1, null);
    }

    /** The LLM's runtime repair of {@code failedVariantId}: attempt {@code attempt} at the assignment. */
    static VariantProposed repair(GenerationOpened opened, Assignment assignment, String failedVariantId,
                                  int attempt) {
        return attempt(opened, assignment, assignment.assignmentId() + "-v" + attempt, attempt, failedVariantId);
    }

    private static VariantProposed attempt(GenerationOpened opened, Assignment assignment, String variantId,
                                           int attempt, String repairOf) {
        String source = "class Variant { /* " + variantId + " */ }";
        return new VariantProposed(Envelope.of(opened.runId()), opened.generation(), variantId,
                assignment.assignmentId(), assignment.kind(), assignment.mutatorAgentId(), assignment.targetAgentId(),
                List.of(assignment.parentVariantId()), source, "0".repeat(64), "--- a\n+++ b\n", "scripted change",
                new MutatorInfo("llm", "scripted-model"), new TokenUsage(100, 50, 1, 0.01), ProposalStatus.VALID,
                List.of(), opened.dataset(), opened.budget(), assignment.trainingSeed(), null, attempt, repairOf,
                null);
    }

    /** The same proposal as a program of several files: {@code files} beside its entry, hashed as a whole. */
    static VariantProposed withFiles(VariantProposed p, List<ProgramFile> files) {
        return new VariantProposed(p.eventId(), p.schemaVersion(), p.runId(), p.timestamp(), p.generation(),
                p.variantId(), p.assignmentId(), p.kind(), p.mutatorAgentId(), p.targetAgentId(), p.parentVariantIds(),
                p.source(), ProgramFiles.sha256(p.source(), files), p.diff(), p.reasoning(), p.mutator(), p.usage(),
                p.status(), p.validationErrors(), p.dataset(), p.budget(), p.trainingSeed(), p.preset(), p.attempt(),
                p.repairOf(), p.grantedImports(), files);
    }

    /** A failure in training of this class. */
    static TrainingFailed failed(String runId, int generation, String variantId, FailureClass failureClass) {
        return new TrainingFailed(Envelope.of(runId), generation, variantId, "worker-1", failureClass,
                "loss became NaN at step 3", "step 3 loss NaN", 2.5);
    }

    /** Variant ids: what the scripted mutator calls them; selection's own (baseline, verification) use the assignment id. */
    static String variantId(Assignment assignment) {
        return switch (assignment.kind()) {
            case MUTATE -> assignment.assignmentId() + "-v";
            case BASELINE, VERIFY -> assignment.assignmentId();
        };
    }

    /** What a person does to a run through hitl-service. */
    static HumanIntervention intervention(String run, InterventionKind kind, String variantId) {
        return new HumanIntervention(Envelope.of(run), EventCodec.newEventId(), kind, null, variantId, "", "tester");
    }

    static TrainingCompleted completed(String runId, int generation, String variantId, double valBpb) {
        return completed(runId, generation, variantId, valBpb, 0.2, 9_000, "cpu");
    }

    /** A result with its throughput, measured on {@code device}. */
    static TrainingCompleted completed(String runId, int generation, String variantId, double valBpb, double mfu,
                                       double tokensPerSecond, String device) {
        double loss = valBpb * Math.log(2);
        TrainingMetrics metrics = new TrainingMetrics(loss, valBpb, Math.exp(loss), loss, 10_000, 20,
                tokensPerSecond, 800_000, 5e6, 1e11, mfu, 400_000_000L, 1, 3, device);
        return new TrainingCompleted(Envelope.of(runId), generation, variantId, "worker-1", 7, metrics,
                new ArchitectureCard(2, 2, 64, 64, 65), List.of());
    }

    /** A result a sanity gate of the harness held: reported as measured, never to be crowned. */
    static TrainingCompleted flagged(String runId, int generation, String variantId, double valBpb,
                                     IntegrityGate gate) {
        TrainingCompleted honest = completed(runId, generation, variantId, valBpb);
        return new TrainingCompleted(honest.eventId(), honest.schemaVersion(), runId, honest.timestamp(), generation,
                variantId, honest.workerId(), honest.trainingSeed(), honest.metrics(), honest.architecture(),
                List.of(new IntegrityFlag(gate, gate + " held " + variantId)));
    }

    static TrainingFailed failed(String runId, int generation, String variantId) {
        return new TrainingFailed(Envelope.of(runId), generation, variantId, "worker-1", FailureClass.COMPILE_ERROR,
                "cannot find symbol", "Variant.java:3", 0.5);
    }
}
