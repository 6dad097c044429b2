package ai.darwin.memory.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Change kinds from the two programs' syntax trees: what changed, not which lines a diff touched. */
class ProgramChangesTest {

    static final String PARENT = """
            import ai.djl.ndarray.NDArray;

            public class Gpt {
                static final double LEARNING_RATE = 1e-3;
                static final int N_LAYER = 4;
                static final int WARMUP = 100;
                static final String ACTIVATION = "gelu";

                static final class Block {
                    NDArray forward(NDArray x) {
                        return x.mul(2); // doubled
                    }
                }

                float loss(float a) {
                    return a;
                }

                float loss(float a, float b) {
                    return a + b;
                }
            }
            """;

    @Test
    void constantsUpOrDownMethodsRewrittenAndClassesAddedAreNamed() {
        String variant = PARENT.replace("1e-3", "5e-4").replace("N_LAYER = 4", "N_LAYER = 6")
                .replace("\"gelu\"", "\"relu\"").replace("return x.mul(2); // doubled", "return x.mul(3);")
                .replace("return a + b;", "return a - b;")
                .replace("    float loss(float a) {", "    static final class Norm {\n    }\n\n    float loss(float a) {");

        assertThat(ProgramChanges.of(PARENT, variant, "")).containsExactlyInAnyOrder("LEARNING_RATE down", "N_LAYER up",
                "ACTIVATION changed", "class Gpt.Norm added", "method Gpt.Block.forward rewritten",
                "method Gpt.loss(float, float) rewritten");
    }

    @Test
    void commentsAndLayoutAreNoChangeButImportsFieldsAndMethodsAddedOrRemovedAre() {
        String relaid = PARENT.replace("return x.mul(2); // doubled", "return   x.mul(2);   /* twice */")
                .replace("    static final int WARMUP = 100;\n", "    // warmup\n    static final int WARMUP =\n        100;\n");
        assertThat(ProgramChanges.of(PARENT, relaid, "-x\n+y\n")).isEmpty();

        String variant = PARENT.replace("import ai.djl.ndarray.NDArray;", "import ai.djl.ndarray.NDArray;\n"
                        + "import ai.djl.ndarray.NDList;")
                .replace("    static final int WARMUP = 100;\n", "    static final float DROPOUT = 0.1f;\n")
                .replace("""
                            float loss(float a) {
                                return a;
                            }
                        """, "");
        assertThat(ProgramChanges.of(PARENT, variant, "")).containsExactlyInAnyOrder("imports changed",
                "field Gpt.DROPOUT added", "field Gpt.WARMUP removed", "method Gpt.loss(float) removed");
    }

    @Test
    void aMethodWhoseParametersChangedIsRewritten() {
        String variant = PARENT.replace("NDArray forward(NDArray x) {", "NDArray forward(NDArray x, boolean training) {");
        assertThat(ProgramChanges.of(PARENT, variant, "")).containsExactly("method Gpt.Block.forward rewritten");
    }

    @Test
    void aProgramThatDoesNotParseFallsBackToTheDiffsLines() {
        String diff = "--- a/Gpt.java\n+++ b/Gpt.java\n-    static final int N_LAYER = 4;\n+    static final int N_LAYER = 6;\n";
        assertThat(ProgramChanges.of(PARENT, PARENT + " oops {", diff)).containsExactly("N_LAYER up");
        assertThat(ProgramChanges.of(null, PARENT, diff)).containsExactly("N_LAYER up");
    }

    @Test
    void aProgramOfSeveralFilesNamesEachFilesChangesAndTheFilesAddedOrRemoved() {
        String helper = "package model;\n\npublic class Attention {\n    static final int HEADS = 4;\n}\n";
        Map<String, String> parent = Map.of(ProgramSources.ENTRY, PARENT, "model/Attention.java", helper,
                "model/Old.java", "package model;\n\nclass Old {\n}\n");
        Map<String, String> variant = new LinkedHashMap<>();
        variant.put(ProgramSources.ENTRY, PARENT.replace("1e-3", "5e-4"));
        variant.put("model/Attention.java", helper.replace("HEADS = 4", "HEADS = 8"));
        variant.put("model/Mlp.java", "package model;\n\nclass Mlp {\n}\n");

        assertThat(ProgramChanges.of(parent, variant, "")).containsExactly("LEARNING_RATE down", "HEADS up",
                "file model/Mlp.java added", "file model/Old.java removed");
        // one file each: exactly as before
        assertThat(ProgramChanges.of(Map.of(ProgramSources.ENTRY, PARENT),
                Map.of(ProgramSources.ENTRY, PARENT.replace("N_LAYER = 4", "N_LAYER = 6")), ""))
                .containsExactly("N_LAYER up");
        // the parent unknown: the whole diff, every file's lines in it
        assertThat(ProgramChanges.of(Map.of(), variant, "--- a/model/Attention.java\n+++ b/model/Attention.java\n"
                + "-    static final int HEADS = 4;\n+    static final int HEADS = 8;\n")).containsExactly("HEADS up");
    }
}
