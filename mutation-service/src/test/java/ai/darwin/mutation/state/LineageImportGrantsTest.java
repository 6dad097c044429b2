package ai.darwin.mutation.state;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Envelope;
import ai.darwin.events.Sha256;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.hitl.ApprovalDecided;
import ai.darwin.events.hitl.ApprovalKind;
import ai.darwin.events.hitl.ApprovalScope;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.mutation.validation.ImportPolicy;
import ai.darwin.mutation.validation.ProgramValidator;
import ai.darwin.training.harness.SeedProgram;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A NEW_IMPORT approved for a lineage widens the import check, the bytecode check and the variant's grantedImports
 * only for programs that descend from the variant that asked; another line's program using the import is refused.
 */
class LineageImportGrantsTest {

    private static final String RUN = "run";
    private static final String DRAWING = SeedProgram.source()
            .replace("import java.util.Map;", "import java.util.Map;\nimport java.util.random.RandomGenerator;")
            .replace("long step = 0;", "long step = 0;\n        RandomGenerator draws = new java.util.Random(7);\n"
                    + "        if (draws.nextGaussian(0.0, 1.0) > 1e9) { step = 1; }");
    private static final ProgramValidator VALIDATOR = new ProgramValidator(new ImportPolicy(
            List.of(ImportPolicy.STANDARD_ALLOWED.split(",")), List.of(ImportPolicy.STANDARD_FORBIDDEN.split(","))));

    private final PublishedVariants published = new PublishedVariants();
    private final Approvals approvals = new Approvals();
    private Lineage descendant;
    private Lineage otherLine;

    @BeforeEach
    void twoLines() {
        // seed -> v1 (asked for the import) -> v2 -> the program being proposed; seed -> v5 -> another program
        published.add(variant("v1", "seed"));
        published.add(variant("v2", "v1"));
        published.add(variant("v5", "seed"));
        descendant = Lineage.of("v2", published::variant);
        otherLine = Lineage.of("v5", published::variant);
        approvals.onRequested(ApprovalsTest.request("r1", ApprovalKind.NEW_IMPORT,
                "java.util.random.RandomGenerator"));
    }

    @Test
    void aLineageGrantHoldsForTheDescendantsOfTheAskingVariantOnly() {
        approvals.onDecided(decision(ApprovalScope.LINEAGE));

        assertThat(approvals.grantedImports(RUN, descendant)).containsExactly("random-generator");
        assertThat(approvals.grantedImports(RUN, otherLine)).isEmpty();
        assertThat(approvals.grantedImports(RUN)).isEmpty();
        assertThat(VALIDATOR.validate(DRAWING, approvals.approvedImports(RUN, descendant))).isEmpty();
        assertThat(VALIDATOR.validate(DRAWING, approvals.approvedImports(RUN, otherLine)))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("import java.util.random.RandomGenerator is outside the allowed packages"))
                .anySatisfy(problem -> assertThat(problem).startsWith("FORBIDDEN_API")
                        .contains("java.util.random.RandomGenerator"));
    }

    @Test
    void aRunGrantHoldsForEveryLine() {
        approvals.onDecided(decision(ApprovalScope.RUN));

        assertThat(approvals.grantedImports(RUN, descendant)).containsExactly("random-generator");
        assertThat(approvals.grantedImports(RUN, otherLine)).containsExactly("random-generator");
        assertThat(VALIDATOR.validate(DRAWING, approvals.approvedImports(RUN, otherLine))).isEmpty();
    }

    @Test
    void aCycleInForgedParentsEnds() {
        published.add(variant("x", "y"));
        published.add(variant("y", "x"));

        assertThat(Lineage.of("x", published::variant).variantIds()).containsExactlyInAnyOrder("x", "y");
    }

    private static ApprovalDecided decision(ApprovalScope scope) {
        return new ApprovalDecided(Envelope.of(RUN), "r1", true, "human", null, scope, null);
    }

    private static VariantProposed variant(String variantId, String parent) {
        String source = "class P { int id = " + variantId.hashCode() + "; }";
        return new VariantProposed(Envelope.of(RUN), 1, variantId, variantId + "-a", AssignmentKind.MUTATE, "ada",
                "bob", List.of(parent), source, Sha256.of(source), "", "why", new MutatorInfo("llm", "m"),
                TokenUsage.NONE, ProposalStatus.VALID, List.of(), new DatasetSpec("d.txt", null, "char", 0.1),
                new TrainingBudget(1000, 0), 7, "cpu");
    }
}
