package ai.darwin.training;

import ai.darwin.events.Envelope;
import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProgramFile;
import ai.darwin.events.variant.ProgramFiles;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import java.util.List;
import java.util.UUID;

/** VariantProposed events as mutation-service or selection-service would publish them. */
public final class Variants {

    /** The seed's CPU preset trains 12 x 64 tokens a step. */
    public static final long SEED_STEP_TOKENS = 12 * 64;

    private Variants() {
    }

    public static String newId(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static VariantProposed variant(String runId, String variantId, String source, TrainingBudget budget) {
        return variant(runId, variantId, source, budget, null);
    }

    /** @param preset the run's preset, or null for a variant that names none */
    public static VariantProposed variant(String runId, String variantId, String source, TrainingBudget budget,
                                          String preset) {
        return variant(runId, variantId, source, budget, preset, shakespeare(), null);
    }

    /** @param grantedImports the import catalogue entries the event grants, or null for an event that names none */
    public static VariantProposed variant(String runId, String variantId, String source, TrainingBudget budget,
                                          String preset, List<String> grantedImports) {
        return variant(runId, variantId, source, budget, preset, shakespeare(), grantedImports);
    }

    /** A variant for agent-2's lineage that trains on {@code dataset}. */
    public static VariantProposed variant(String runId, String variantId, String source, TrainingBudget budget,
                                          String preset, DatasetSpec dataset) {
        return variant(runId, variantId, source, budget, preset, dataset, null);
    }

    /** A program of several files, its sourceSha256 the whole program's as the contract defines it. */
    public static VariantProposed variant(String runId, String variantId, String source, List<ProgramFile> files,
                                          TrainingBudget budget) {
        VariantProposed single = variant(runId, variantId, source, budget);
        return withFiles(single, files, ProgramFiles.sha256(source, files));
    }

    /** The variant with other files and the given hash, right or wrong. */
    public static VariantProposed withFiles(VariantProposed v, List<ProgramFile> files, String sourceSha256) {
        return new VariantProposed(v.eventId(), v.schemaVersion(), v.runId(), v.timestamp(), v.generation(),
                v.variantId(), v.assignmentId(), v.kind(), v.mutatorAgentId(), v.targetAgentId(),
                v.parentVariantIds(), v.source(), sourceSha256, v.diff(), v.reasoning(), v.mutator(), v.usage(),
                v.status(), v.validationErrors(), v.dataset(), v.budget(), v.trainingSeed(), v.preset(), v.attempt(),
                v.repairOf(), v.grantedImports(), files);
    }

    private static DatasetSpec shakespeare() {
        return new DatasetSpec(TestPrograms.shakespeare().toString(), null, "char", 0.1);
    }

    private static VariantProposed variant(String runId, String variantId, String source, TrainingBudget budget,
                                           String preset, DatasetSpec dataset, List<String> grantedImports) {
        return new VariantProposed(Envelope.of(runId), 0, variantId, "assignment-" + variantId, AssignmentKind.MUTATE,
                "agent-1", "agent-2", List.of("seed"), source, Sha256.of(source), "", "test variant",
                new MutatorInfo("test", null), new TokenUsage(0, 0, 0, 0), ProposalStatus.VALID, List.of(), dataset,
                budget, 1337, preset, null, null, grantedImports);
    }
}
