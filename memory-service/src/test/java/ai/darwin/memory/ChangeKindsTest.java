package ai.darwin.memory;

import static org.assertj.core.api.Assertions.assertThat;

import ai.darwin.memory.query.ChangeKinds;
import org.junit.jupiter.api.Test;

class ChangeKindsTest {

    @Test
    void namesEachConstantThatMovedAndWhichWay() {
        String diff = """
                --- a/Gpt.java
                +++ b/Gpt.java
                -    static final double LEARNING_RATE = 1e-3;
                +    static final double LEARNING_RATE = 2e-3;
                -    static final int N_LAYER = 6;
                +    static final int N_LAYER = 4;
                -    static final String ACTIVATION = "gelu";
                +    static final String ACTIVATION = "relu";
                """;
        assertThat(ChangeKinds.of(diff)).containsExactly("LEARNING_RATE up", "N_LAYER down", "ACTIVATION changed");
    }

    @Test
    void aChangeWithoutAssignmentsIsARestructuring() {
        assertThat(ChangeKinds.of("-        x.add(y);\n+        x.add(y.mul(2));\n")).containsExactly("code restructured");
        assertThat(ChangeKinds.of("")).isEmpty();
    }
}
