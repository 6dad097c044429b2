package ai.darwin.mutation.state;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.events.Envelope;
import ai.darwin.events.generation.AssignmentKind;
import ai.darwin.events.run.DatasetSpec;
import ai.darwin.events.variant.MutatorInfo;
import ai.darwin.events.variant.ProposalStatus;
import ai.darwin.events.variant.TokenUsage;
import ai.darwin.events.variant.TrainingBudget;
import ai.darwin.events.variant.VariantProposed;
import ai.darwin.events.Sha256;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A proposal that changes nothing, or repeats a variant of its run, is recognised whatever its layout. */
class PublishedVariantsTest {

    static final String PARENT = "class Gpt {\n    static final int STEPS = 100;\n}\n";
    static final String CHANGED = "class Gpt {\n    static final int STEPS = 200;\n}\n";

    static VariantProposed variant(String runId, String variantId, String source) {
        return new VariantProposed(Envelope.of(runId), 1, variantId, variantId + "-a", AssignmentKind.MUTATE, "ada",
                "bob", List.of("p"), source, Sha256.of(source), "", "why", new MutatorInfo("llm", "m"),
                TokenUsage.NONE, ProposalStatus.VALID, List.of(), new DatasetSpec("d.txt", null, "char", 0.1),
                new TrainingBudget(1000, 0), 7, "cpu");
    }

    @Test
    void theParentReformattedIsADuplicate() {
        assertThat(new PublishedVariants().duplicate("r", PARENT, PARENT.replace("    ", "\t").replace("= 100", "=  100")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("the same as the one you were given"));
    }

    @Test
    void aProgramAnotherVariantOfTheRunHasIsADuplicateButNotInAnotherRun() {
        PublishedVariants published = new PublishedVariants();
        published.add(variant("r", "r-g1-v", CHANGED));

        assertThat(published.duplicate("r", PARENT, CHANGED + "\n"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("as variant r-g1-v, already proposed"));
        assertThat(published.duplicate("other-run", PARENT, CHANGED)).isEmpty();
        assertThat(published.duplicate("r", PARENT, CHANGED.replace("200", "300"))).isEmpty();
        assertThat(published.contains("r-g1-v")).isTrue();
    }
}
