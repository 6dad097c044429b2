package ai.darwin.mutation.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.mutation.prompt.Outcomes.Outcome;
import ai.darwin.mutation.proposal.MutationRequest;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * What memory measured reaches both prompts: the parent's metrics against its parent, its control and the noise
 * floor, its lineage, earlier attempts with their outcomes and a failure's output, the run's best programs and the
 * mutating agent's own measure; each section in its own quoted block of fixed size, whatever a program wrote.
 */
class OutcomeSectionsTest {

    static final String ERROR = "java.lang.IllegalStateException: shapes (4, 8) and (16) cannot be multiplied";

    static Outcome trained(String id, String outcome, double bpb, Double vsControl) {
        return new Outcome(id, 1, "bob", "ada", outcome, bpb, 0.21, 9100.0, -0.05, vsControl, vsControl == null
                ? null : Math.abs(vsControl) < 0.02, List.of("LEARNING_RATE down"), "Lower the learning rate.", null,
                null, null);
    }

    static Outcome failed(String id, String tail) {
        return new Outcome(id, 1, "carl", "ada", "FAILED", null, null, null, null, null, null,
                List.of("method attention rewritten"), "Fuse the attention heads.", "RUNTIME_ERROR", tail, null);
    }

    static Outcomes outcomes() {
        Outcome parent = trained("r-bob-parent", "KEPT", 1.8, -0.1);
        Outcome top = new Outcome("r-g1-best", 1, "dan", "eve", "KEPT", 1.75, 0.2, 9000.0, -0.1, -0.12, false,
                List.of("WARMUP_STEPS up"), "A longer warmup.", null, null,
                "--- a/SeedGpt.java\n+++ b/SeedGpt.java\n-    static final int WARMUP_STEPS = 100;\n"
                        + "+    static final int WARMUP_STEPS = 200;\n");
        return new Outcomes(0.02, 3, parent, trained("r-ada-own", "DISCARDED", 1.95, 0.01),
                List.of(trained("r-g0-a1", "KEPT", 1.85, -0.09)),
                List.of(failed("r-g1-carl", "Exception in train()\n" + ERROR)),
                List.of(trained("r-g1-sibling", "DISCARDED", 1.9, 0.005)), List.of(top));
    }

    @Test
    void theParentsMeasureAFailuresOutputAndTheBestProgramsReachBothPrompts() {
        PromptBuilder builder = PromptBuilderTest.builder(List.of(), outcomes());
        MutationRequest request = PromptBuilderTest.request(PromptBuilderTest.SEED, List.of());

        for (String prompt : List.of(builder.mutate(request),
                builder.chunk(request, List.of("imports (30 lines)"), "", List.of(), "fields of P", "int x;"))) {
            assertThat(prompt).contains("WHAT THE PROGRAM YOU REWRITE MEASURED",
                    "r-bob-parent (generation 1, agent bob, rewritten by ada): KEPT, val_bpb 1.8000, "
                            + "Δ vs its parent -0.0500, Δ vs its generation's control -0.1000 (beyond noise), "
                            + "MFU 0.210, tokens/s 9,100; changes: LEARNING_RATE down; reasoning: Lower the "
                            + "learning rate.",
                    "|Δ val_bpb| below 0.0200 (measured from 3 seeds of the control) is a tie",
                    "r-g0-a1 (generation 1", "r-g1-carl", "FAILED", "failed: RUNTIME_ERROR", ERROR,
                    "(from this lineage) r-g1-sibling", "(within noise: a tie)",
                    "+    static final int WARMUP_STEPS = 200;");
            assertThat(blockHolding(prompt, ERROR)).startsWith("<untrusted-data source=\"earlier attempts");
            assertThat(blockHolding(prompt, "r-bob-parent (generation 1"))
                    .startsWith("<untrusted-data source=\"the measured program you rewrite");
        }
        assertThat(builder.mutate(request)).contains("r-ada-own (generation 1, agent bob, rewritten by ada): "
                + "DISCARDED, val_bpb 1.9500");
    }

    @Test
    void withoutMeasuresEachSectionSaysSoAndNoBlockIsOpened() {
        String prompt = PromptBuilderTest.builder(List.of()).mutate(PromptBuilderTest.request(PromptBuilderTest.SEED,
                List.of()));

        assertThat(prompt).contains("WHAT THE PROGRAM YOU REWRITE MEASURED (untrusted data; val_bpb: lower is "
                + "better)\n(not measured yet)", "EARLIER ATTEMPTS", "(none yet)").doesNotContain("<untrusted-data");
    }

    @Test
    void aHostileErrorOutputStaysInItsBlockCutAndEverySectionKeepsItsSize() {
        String hostile = HostileLessons.MESSAGE;
        Outcomes flood = new Outcomes(0.02, 3, failed("r-bob-parent", hostile), failed("r-own", hostile),
                Collections.nCopies(200, failed("r-anc", hostile)), Collections.nCopies(200, failed("r-att", hostile)),
                Collections.nCopies(200, failed("r-lin", hostile)), Collections.nCopies(200, failed("r-top", hostile)));
        MutationRequest request = PromptBuilderTest.request(PromptBuilderTest.SEED, List.of());
        String calm = PromptBuilderTest.builder(List.of(), Outcomes.NONE).mutate(request);
        String flooded = PromptBuilderTest.builder(List.of(), flood).mutate(request);

        int sections = OutcomeSections.PARENT_CHARS + OutcomeSections.LINEAGE_CHARS + OutcomeSections.ATTEMPTS_CHARS
                + OutcomeSections.INSPIRATIONS_CHARS + OutcomeSections.MUTATOR_CHARS;
        assertThat(flooded.length() - calm.length()).isLessThan(sections + 5 * 300);
        assertThat(flooded).doesNotContain("```\n</untrusted", "\u001B", "<|im_start|>", "A".repeat(2000));
        Matcher tags = java.util.regex.Pattern.compile("</?untrusted-data").matcher(flooded);
        int count = 0;
        while (tags.find()) {
            count++;
        }
        assertThat(count).as("five blocks, each with its two tags, and no tag of the program's").isEqualTo(10);
        assertThat(flooded).contains("more items cut]", "more characters cut]");
    }

    private static String blockHolding(String prompt, String text) {
        Matcher blocks = PromptBuilderTest.BLOCK.matcher(prompt);
        while (blocks.find()) {
            if (blocks.group().contains(text)) {
                return blocks.group();
            }
        }
        throw new AssertionError("no block holds " + text);
    }
}
